import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutcomeDecision, SubmissionSummary } from '../../../../shared/contract/queue.js';
import type { StationError } from '../../../../shared/contract/result.js';
import { useGuardedCall } from '../../app/session.js';
import { station } from '../../station.js';
import { ErrorAlert } from '../../app/ErrorAlert.js';

export interface OutcomeUnknownPanelProps {
  readonly submission: SubmissionSummary;
  readonly isSupervisor: boolean;
  readonly onResolved: (summary: SubmissionSummary, decision: OutcomeDecision) => void;
}

const DECISIONS: readonly OutcomeDecision[] = ['send_again', 'mark_delivered', 'discard'];

/**
 * The provider may already hold this submission: a supervisor looks at the provider's side and
 * decides, with a reason that goes into the audit log. A clerk is told who decides.
 */
export function OutcomeUnknownPanel({ submission, isSupervisor, onResolved }: OutcomeUnknownPanelProps) {
  const { t } = useTranslation();
  const guarded = useGuardedCall();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<StationError | null>(null);

  const resolve = async (decision: OutcomeDecision) => {
    const result = await guarded(station().invoke['queue.resolveOutcome']({ id: submission.id, decision, reason }));
    if (!result.ok) return setError(result.error);
    setError(null);
    onResolved(result.value, decision);
  };

  return (
    <div className="outcome-unknown" data-testid="outcome-unknown">
      <p>{t('outcomeUnknown.explain')}</p>
      {!isSupervisor ? (
        <p>{t('outcomeUnknown.supervisorDecides')}</p>
      ) : (
        <>
          <label htmlFor={reasonId}>{t('outcomeUnknown.reason')}</label>
          <input id={reasonId} value={reason} maxLength={300} onChange={(event) => setReason(event.target.value)} data-testid="outcome-reason" />
          <div className="actions">
            {DECISIONS.map((decision) => (
              <button
                key={decision}
                type="button"
                className={decision === 'discard' ? 'danger' : undefined}
                disabled={reason.trim().length < 3}
                onClick={() => void resolve(decision)}
                data-testid={`outcome-${decision}`}
              >
                {t(`outcomeUnknown.decisions.${decision}`)}
              </button>
            ))}
          </div>
        </>
      )}
      <ErrorAlert error={error} />
    </div>
  );
}
