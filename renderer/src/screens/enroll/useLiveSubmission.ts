import { useEffect, useState } from 'react';
import type { SubmissionSummary } from '../../../../shared/contract/queue.js';
import { station } from '../../station.js';

/**
 * What the screen showed of the person stays until the next person: about a second after delivery,
 * retention deletes the identity and a check-in answer at rest, and main then sends the submission
 * with its id as label and without the answer. The label never changes otherwise.
 */
function keepShown(shown: SubmissionSummary, next: SubmissionSummary): SubmissionSummary {
  const checkIn = next.outcome?.checkIn ?? shown.outcome?.checkIn;
  return { ...next, label: shown.label, outcome: next.outcome && checkIn ? { ...next.outcome, checkIn } : next.outcome };
}

/** A submission kept current from `queue.changed`; read once after subscribing so a change made in between is not missed. */
export function useLiveSubmission(initial: SubmissionSummary): SubmissionSummary {
  const [summary, setSummary] = useState(initial);
  useEffect(() => {
    let open = true;
    const unsubscribe = station().subscribe['queue.changed']((change) => {
      const { item } = change;
      if (item?.id === initial.id) setSummary((shown) => keepShown(shown, item));
    });
    void station()
      .invoke['queue.get']({ id: initial.id })
      .then((result) => {
        // Only take the read if no newer event arrived meanwhile.
        if (open && result.ok) setSummary((current) => (current.updatedAt > result.value.updatedAt ? current : keepShown(current, result.value)));
      });
    return () => {
      open = false;
      unsubscribe();
    };
  }, [initial.id]);
  return summary;
}
