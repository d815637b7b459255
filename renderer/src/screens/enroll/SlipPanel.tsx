import { useEffect, useId, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { Slip, SlipOutput } from '../../../../shared/contract/slip.js';
import type { StationError } from '../../../../shared/contract/result.js';
import { LanguageSchema, LANGUAGES, type Language } from '../../../../shared/settings.js';
import { LANGUAGE_NAMES } from '../../app/LanguageSwitcher.js';
import { useGuardedCall } from '../../app/session.js';
import { station } from '../../station.js';
import { PersonSlip } from './PersonSlip.js';
import './slip.css';
import { ErrorAlert } from '../../app/ErrorAlert.js';

/**
 * The person's slip for one submission: a preview in the language the clerk picks for the person
 * (the station's by default), printed or saved as PDF. The same slip is placed at the end of the
 * page for printing; the print stylesheet shows it alone.
 */
export function SlipPanel({ submissionId }: { submissionId: string }) {
  const { t, i18n } = useTranslation();
  const guarded = useGuardedCall();
  const languageId = useId();
  const [slip, setSlip] = useState<Slip | null>(null);
  const [language, setLanguage] = useState<Language>(() => LanguageSchema.catch('en').parse(i18n.resolvedLanguage));
  const [error, setError] = useState<StationError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void guarded(station().invoke['slip.get']({ id: submissionId })).then((result) => {
      if (!current) return;
      if (result.ok) setSlip(result.value);
      else setError(result.error);
    });
    return () => {
      current = false;
    };
  }, [guarded, submissionId]);

  const print = async (output: SlipOutput) => {
    setError(null);
    setNotice(null);
    const result = await guarded(station().invoke['slip.print']({ id: submissionId, output }));
    if (!result.ok) return setError(result.error);
    // The browser preview has no printer in main: the page prints itself, and the browser's dialog saves PDFs too.
    if (result.value.outcome === 'unavailable') return window.print();
    setNotice(t(`slip.outcome.${result.value.outcome}`));
  };

  const slipT = i18n.getFixedT(language);
  return (
    <section className="slip-panel" data-testid="slip-panel">
      <h4>{t('slip.panel.heading')}</h4>
      <ErrorAlert error={error} />
      {slip && (
        <>
          <div className="slip-controls">
            <label htmlFor={languageId}>{t('slip.panel.language')}</label>
            <select id={languageId} value={language} data-testid="slip-language" onChange={(event) => setLanguage(LanguageSchema.parse(event.target.value))}>
              {LANGUAGES.map((code) => (
                <option key={code} value={code} lang={code}>
                  {LANGUAGE_NAMES[code]}
                </option>
              ))}
            </select>
            <button type="button" className="primary" onClick={() => void print('printer')} data-testid="slip-print">
              {t('slip.panel.print')}
            </button>
            <button type="button" onClick={() => void print('pdf')} data-testid="slip-save-pdf">
              {t('slip.panel.savePdf')}
            </button>
          </div>
          {notice && (
            <p role="status" data-testid="slip-notice">
              {notice}
            </p>
          )}
          <PersonSlip slip={slip} language={language} t={slipT} testId="person-slip" />
          {createPortal(
            <div className="slip-print">
              <PersonSlip slip={slip} language={language} t={slipT} testId="person-slip-print" />
            </div>,
            document.body,
          )}
        </>
      )}
    </section>
  );
}
