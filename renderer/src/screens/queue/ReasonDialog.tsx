import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubmissionSummary } from '../../../../shared/contract/queue.js';
import type { Result, StationError } from '../../../../shared/contract/result.js';
import { errorText } from '../../app/errors.js';
import { useGuardedCall } from '../../app/session.js';

/** The contract's bounds for a supervisor's reason (discard, return to the clerk). */
const REASON_LENGTH = { min: 3, max: 300 } as const;

export interface ReasonDialogProps {
  readonly title: string;
  readonly body: string;
  readonly reasonLabel: string;
  readonly confirmLabel: string;
  /** The call the reason is for (`queue.discard`, `queue.review` with a rejection). */
  readonly act: (reason: string) => Promise<Result<SubmissionSummary>>;
  readonly onClose: (changed: SubmissionSummary | null) => Promise<void>;
}

/** Supervisor: an action on one submission that needs a stated reason, which goes to the audit log. */
export function ReasonDialog({ title, body, reasonLabel, confirmLabel, act, onClose }: ReasonDialogProps) {
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
    const result = await guarded(act(reason.trim()));
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
        <h2 id={`${id}-title`}>{title}</h2>
        <p>{body}</p>
        <div className="field">
          <label htmlFor={`${id}-reason`}>{reasonLabel}</label>
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
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
