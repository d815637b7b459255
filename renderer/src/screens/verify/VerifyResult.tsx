import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubmissionSummary } from '../../../../shared/contract/queue.js';
import { useLiveSubmission } from '../enroll/useLiveSubmission.js';
import { CheckInResultPanel } from './CheckInResultPanel.js';
import { verifyVerdict } from './verify-verdict.js';

/** The answer, large and in words; a verify still in the queue turns into its answer here when it arrives. */
export function VerifyResult({
  submitted,
  onNextPerson,
  onCaptureAgain,
  onCheckDetails,
}: {
  submitted: SubmissionSummary;
  onNextPerson: () => void;
  /** A new photo of the same person, with the same details. */
  onCaptureAgain: () => void;
  /** Back to the details (a mistyped ID), keeping them. */
  onCheckDetails: () => void;
}) {
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
        {t('verify.queueId')}{' '}
        <a href={`#/queue?id=${encodeURIComponent(summary.id)}`} className="short-reference" data-testid="verify-queue-id" data-id={summary.id}>
          {summary.shortReference}
        </a>
      </p>
      <div className="actions">
        {/* No match may be a poor photo or a mistyped ID: both are offered before the next person. */}
        {(verdict === 'no_match' || verdict === 'no_face') && (
          <>
            <button type="button" className="primary" onClick={onCaptureAgain} data-testid="verify-capture-again">
              {t('clerkRecovery.captureAgain')}
            </button>
            <button type="button" onClick={onCheckDetails} data-testid="verify-check-details">
              {t('clerkRecovery.checkDetails')}
            </button>
          </>
        )}
        <button type="button" className={verdict === 'no_match' || verdict === 'no_face' ? undefined : 'primary'} onClick={onNextPerson}>
          {t('verify.nextPerson')}
        </button>
      </div>
    </section>
  );
}
