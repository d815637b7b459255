import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationError } from '../../../../shared/contract/result.js';
import type { StationSettings } from '../../../../shared/settings.js';
import { useGuardedCall } from '../../app/session.js';
import { station } from '../../station.js';
import { ErrorAlert } from '../../app/ErrorAlert.js';

/** For supervisors: start at login, and what support asks for (the logs folder, a diagnostics file without personal data). */
export function DesktopSupportPanel({ settings, locked }: { readonly settings: StationSettings; readonly locked: readonly string[] }) {
  const { t } = useTranslation();
  const guarded = useGuardedCall();
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<StationError | null>(null);

  const run = async <T,>(call: Promise<{ ok: true; value: T } | { ok: false; error: StationError }>, done: (value: T) => string) => {
    setMessage(null);
    setError(null);
    const result = await guarded(call);
    if (result.ok) setMessage(done(result.value));
    else setError(result.error);
  };

  return (
    <section className="panel desktop-support" data-testid="desktop-support" aria-labelledby="desktop-support-title">
      <h3 id="desktop-support-title">{t('desktop.support.title')}</h3>
      <label>
        <input
          type="checkbox"
          checked={settings.startAtLogin}
          disabled={locked.includes('startAtLogin')}
          onChange={(event) => void run(station().invoke['settings.update']({ startAtLogin: event.target.checked }), () => t('desktop.support.saved'))}
        />{' '}
        {t('desktop.support.startAtLogin')}
      </label>
      <p>{t('desktop.support.intro')}</p>
      <button
        type="button"
        onClick={() => void run(station().invoke['diagnostics.openLogsFolder'](undefined), (opened) => (opened ? '' : t('desktop.support.noFileManager')))}
      >
        {t('desktop.support.openLogs')}
      </button>{' '}
      <button type="button" onClick={() => void run(station().invoke['diagnostics.export'](undefined), ({ file }) => t('desktop.support.exported', { file }))}>
        {t('desktop.support.export')}
      </button>
      <p role="status" className="status-message" data-testid="desktop-support-result">
        {message}
      </p>
      <ErrorAlert error={error} />
    </section>
  );
}
