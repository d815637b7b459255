import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubmissionSummary } from '../../../../shared/contract/queue.js';
import { useLiveSubmission } from '../enroll/useLiveSubmission.js';
import { CheckInResultPanel } from './CheckInResultPanel.js';
import { verifyVerdict } from './verify-verdict.js';

/** The answer, large and in words; a verify still in the queue turns into its answer here when it arrives. */
export function VerifyResult({ submitted, onNextPerson }: { submitted: SubmissionSummary; onNextPerson: () => void }) {
  const { t } = useTranslation();
  const summary = useLiveSubmission(submitted);
  const verdict = verifyVerdict(summary);
  const heading = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [verdict]);
  return (
    <section className={`verify-result result-${verdict}`} data-testid="verify-result" data-verdict={verdict} aria-live="assertive">
      <p className="verdict" ref={heading} tabIndex={-1}>
        {t(`verify.verdict.${verdict}.title`)}
      </p>
      <p>{t(`verify.verdict.${verdict}.body`)}</p>
      {summary.outcome?.checkIn && <CheckInResultPanel result={summary.outcome.checkIn} />}
      {summary.error && (
        <p className="field-error" data-testid="verify-error">
          {t(`errors.${summary.error.code}`, { defaultValue: t('errors.internal') })}
        </p>
      )}
      <p className="hint">
        {t('verify.queueId')} <span data-testid="verify-queue-id">{summary.id}</span>
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={onNextPerson}>
          {t('verify.nextPerson')}
        </button>
      </div>
    </section>
  );
}
