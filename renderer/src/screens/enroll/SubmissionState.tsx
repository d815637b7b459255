import { useTranslation } from 'react-i18next';
import type { SubmissionSummary } from '../../../../shared/contract/queue.js';

/** A submission's state in plain words: where it is, what the provider said, or why it is back with the clerk. */
export function SubmissionState({ summary }: { summary: SubmissionSummary }) {
  const { t } = useTranslation();
  return (
    <>
      <p className={`submission-state state-${summary.state}`} data-testid="submission-state" data-state={summary.state}>
        {t(`queueStates.${summary.state}`)}
        {summary.step && summary.state === 'sending' ? ` — ${t('enroll.receipt.step', { index: summary.step.index, count: summary.step.count })}` : ''}
      </p>
      <p className="hint">{t(`enroll.receipt.explain.${summary.state}`)}</p>
      {summary.error && (
        <p role="alert" className="field-error" data-testid="submission-error" data-code={summary.error.code}>
          {t(`errors.${summary.error.code}`, { defaultValue: t('errors.internal') })}
        </p>
      )}
    </>
  );
}
