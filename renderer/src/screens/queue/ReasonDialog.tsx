import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SubmissionSummary } from '../../../../shared/contract/queue.js';
import type { Result, StationError } from '../../../../shared/contract/result.js';
import { ModalActions, ModalDialog } from '../../app/ModalDialog.js';
import { useGuardedCall } from '../../app/session.js';
import { ErrorAlert } from '../../app/ErrorAlert.js';

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
    <ModalDialog title={title} onCancel={() => void onClose(null)} onSubmit={(event) => void submit(event)}>
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
      <ErrorAlert error={error} />
      <ModalActions onCancel={() => void onClose(null)} confirmLabel={confirmLabel} danger />
    </ModalDialog>
  );
}
