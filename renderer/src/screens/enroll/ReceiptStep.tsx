import { useTranslation } from 'react-i18next';
import type { SubmissionSummary } from '../../../../shared/contract/queue.js';
import { SlipPanel } from './SlipPanel.js';
import { StepHeading } from './StepHeading.js';
import { SubmissionState } from './SubmissionState.js';
import { useLiveSubmission } from './useLiveSubmission.js';

/** The clerk's proof the enrollment is safe in the queue, kept live until the next person. */
export function ReceiptStep({ submitted, onNextPerson }: { submitted: SubmissionSummary; onNextPerson: () => void }) {
  const { t } = useTranslation();
  const summary = useLiveSubmission(submitted);
  return (
    <section data-testid="enroll-receipt">
      <StepHeading>{t('enroll.receipt.title')}</StepHeading>
      <dl className="receipt">
        <dt>{t('enroll.receipt.queueId')}</dt>
        <dd>
          <a href={`#/queue?id=${encodeURIComponent(summary.id)}`} className="short-reference" data-testid="receipt-reference" data-id={summary.id}>
            {summary.shortReference}
          </a>
        </dd>
        <dt>{t('enroll.receipt.person')}</dt>
        <dd data-testid="receipt-person">{summary.label}</dd>
        <dt>{t('enroll.receipt.state')}</dt>
        <dd aria-live="polite">
          <SubmissionState summary={summary} />
        </dd>
      </dl>
      <SlipPanel submissionId={summary.id} />
      <div className="actions">
        <button type="button" className="primary" onClick={onNextPerson}>
          {t('enroll.receipt.nextPerson')}
        </button>
      </div>
    </section>
  );
}
