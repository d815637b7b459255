import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubmissionSummary } from '../../../../shared/contract/queue.js';
import type { StationError } from '../../../../shared/contract/result.js';
import { errorText } from '../../app/errors.js';
import { useGuardedCall } from '../../app/session.js';
import { station } from '../../station.js';

/** The contract's bounds for a discard reason. */
const REASON_LENGTH = { min: 3, max: 300 } as const;

/** Supervisor: discards one submission for a stated reason, which goes to the audit log. */
export function DiscardDialog({ submission, onClose }: { submission: SubmissionSummary; onClose: (discarded: SubmissionSummary | null) => Promise<void> }) {
  const { t } = useTranslation();
  const guarded = useGuardedCall();
  const id = useId();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState(false);
  const [error, setError] = useState<StationError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < REASON_LENGTH.min) return setProblem(true);
    setProblem(false);
    const result = await guarded(station().invoke['queue.discard']({ id: submission.id, reason: reason.trim() }));
    if (result.ok) await onClose(result.value);
    else setError(result.error);
  };

  return (
    <dialog
      className="confirm-dialog"
      aria-labelledby={`${id}-title`}
      data-testid="confirm-dialog"
      ref={(dialog) => {
        if (dialog && !dialog.open) dialog.showModal();
      }}
      onCancel={(event) => {
        event.preventDefault();
        void onClose(null);
      }}
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <h2 id={`${id}-title`}>{t('queueScreen.discardTitle', { label: submission.label || submission.id })}</h2>
        <p>{t('queueScreen.discardBody')}</p>
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('queueScreen.discardReason')}</label>
          <textarea
            id={`${id}-reason`}
            rows={3}
            maxLength={REASON_LENGTH.max}
            value={reason}
            aria-invalid={problem}
            aria-describedby={problem ? `${id}-problem` : undefined}
            onChange={(event) => {
              setReason(event.target.value);
              setProblem(false);
            }}
          />
          {problem && (
            <span id={`${id}-problem`} role="alert" className="field-error">
              {t('queueScreen.discardReasonRule', REASON_LENGTH)}
            </span>
          )}
        </div>
        {error && (
          <p role="alert" className="field-error">
            {errorText(t, error)}
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={() => void onClose(null)} autoFocus>
            {t('confirm.cancel')}
          </button>
          <button type="submit" className="danger">
            {t('queueScreen.discardConfirm')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
