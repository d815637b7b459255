import { useSession } from '../app/session.js';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Draft } from '../../../shared/contract/drafts.js';
import type { SubmissionDetail } from '../../../shared/contract/queue.js';
import type { StationError } from '../../../shared/contract/result.js';
import { PROVIDERS } from '../../../shared/providers/index.js';
import { errorText } from '../app/errors.js';
import { station } from '../station.js';
import { EnrollWizard } from './enroll/EnrollWizard.js';
import { useHashParam } from '../app/hash-param.js';
import { useLeaveGuard } from '../app/leave-guard.js';
import { useShortcut } from '../app/shortcuts.js';
import { useStationSettings } from './enroll/useStationSettings.js';
import { DraftOffer } from './enroll/DraftOffer.js';
import './enroll/enroll.css';

type DraftState = { kind: 'loading' } | { kind: 'none' } | { kind: 'offered'; draft: Draft } | { kind: 'resumed'; draft: Draft };
type RecaptureState = { kind: 'none' } | { kind: 'loading' } | { kind: 'failed'; error: StationError } | { kind: 'ready'; detail: SubmissionDetail };

/** Enrollment for the configured provider; `#/enroll?recapture=<id>` reopens a refused submission with its fields kept. */
export function EnrollScreen() {
  const { t } = useTranslation();
  const settings = useStationSettings();
  const isSupervisor = useSession().session.operator?.role === 'supervisor';
  const recaptureId = useHashParam('recapture');
  const [recapture, setRecapture] = useState<RecaptureState>({ kind: 'none' });
  // A new person starts a fresh wizard: nothing of the previous one stays in memory.
  const [personNumber, setPersonNumber] = useState(1);
  // The operator's own enrollment in progress (after a reload, a crash, a restart or a sign-out): offered before a new one starts.
  const [draft, setDraft] = useState<DraftState>({ kind: 'loading' });

  useEffect(() => {
    let current = true;
    void station()
      .invoke['drafts.load']()
      .then((result) => current && setDraft(result.ok && result.value ? { kind: 'offered', draft: result.value } : { kind: 'none' }));
    return () => {
      current = false;
    };
  }, []);

  useEffect(() => {
    if (recaptureId === null) {
      setRecapture({ kind: 'none' });
      return;
    }
    let current = true;
    setRecapture({ kind: 'loading' });
    void station()
      .invoke['queue.get']({ id: recaptureId })
      .then((result) => current && setRecapture(result.ok ? { kind: 'ready', detail: result.value } : { kind: 'failed', error: result.error }));
    return () => {
      current = false;
    };
  }, [recaptureId]);

  const nextPerson = () => {
    if (recaptureId !== null) location.hash = '#/enroll';
    setDraft({ kind: 'none' });
    setPersonNumber((number) => number + 1);
  };
  const guard = useLeaveGuard();
  useShortcut('newEnrollment', () => guard.leave(nextPerson));

  const body = (() => {
    if (settings.kind === 'loading' || recapture.kind === 'loading' || draft.kind === 'loading') return <p>{t('app.loading')}</p>;
    if (settings.kind === 'failed') return <p role="alert">{errorText(t, settings.error)}</p>;
    if (recapture.kind === 'failed') return <p role="alert">{errorText(t, recapture.error)}</p>;
    const { providerId, captureThresholds } = settings.settings;
    if (providerId === null) {
      return (
        <div data-testid="enroll-needs-provider">
          <p>{t('screens.enroll.needsProvider')}</p>
          {isSupervisor && (
            <p>
              <a href="#/settings" data-testid="enroll-settings-link">
                {t('settingsHelp.pickProvider')}
              </a>
            </p>
          )}
        </div>
      );
    }
    if (draft.kind === 'offered') {
      return (
        <DraftOffer
          draft={draft.draft}
          providerId={providerId}
          onResume={() => {
            const { replaces } = draft.draft.form;
            if (replaces !== recaptureId) location.hash = replaces ? `#/enroll?recapture=${encodeURIComponent(replaces)}` : '#/enroll';
            setDraft({ kind: 'resumed', draft: draft.draft });
          }}
          onDiscarded={() => setDraft({ kind: 'none' })}
        />
      );
    }
    const operation = PROVIDERS[providerId].operations.enroll;
    if (!operation) return <p role="alert">{t('enroll.notOffered', { provider: t(`providers.${providerId}`) })}</p>;
    const detail = recapture.kind === 'ready' ? recapture.detail : null;
    if (detail && (detail.provider !== providerId || detail.operation !== 'enroll')) {
      return <p role="alert">{t('enroll.recapture.otherProvider', { provider: t(`providers.${detail.provider}`) })}</p>;
    }
    return (
      <EnrollWizard
        key={`${providerId}-${personNumber}-${detail?.id ?? ''}`}
        provider={providerId}
        operation={operation}
        thresholds={captureThresholds}
        recapture={detail}
        resumed={draft.kind === 'resumed' ? draft.draft : null}
        onNextPerson={nextPerson}
      />
    );
  })();

  return (
    <section data-testid="enroll-screen" className="enroll-screen">
      <h2>{t('screens.enroll.title')}</h2>
      {body}
    </section>
  );
}
