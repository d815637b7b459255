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
      {/* One message: the error's own words where there is one (red only when someone must act), else the state's. */}
      {summary.error ? (
        <p
          role={summary.error.class === 'transient' ? undefined : 'alert'}
          className={summary.error.class === 'transient' ? 'hint' : 'field-error'}
          data-testid="submission-error"
          data-code={summary.error.code}
        >
          {t(`errors.${summary.error.code}`, { defaultValue: t('errors.internal') })}
        </p>
      ) : (
        <p className="hint">{t(`enroll.receipt.explain.${summary.state}`)}</p>
      )}
    </>
  );
}
