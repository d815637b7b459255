import { useEffect, useState } from 'react';
import type { SubmissionSummary } from '../../../../shared/contract/queue.js';
import { station } from '../../station.js';

/** A submission kept current from `queue.changed`; read once after subscribing so a change made in between is not missed. */
export function useLiveSubmission(initial: SubmissionSummary): SubmissionSummary {
  const [summary, setSummary] = useState(initial);
  useEffect(() => {
    let open = true;
    const unsubscribe = station().subscribe['queue.changed']((change) => {
      if (change.item?.id === initial.id) setSummary(change.item);
    });
    void station()
      .invoke['queue.get']({ id: initial.id })
      .then((result) => {
        // Only take the read if no newer event arrived meanwhile.
        if (open && result.ok) setSummary((current) => (current.updatedAt > result.value.updatedAt ? current : result.value));
      });
    return () => {
      open = false;
      unsubscribe();
    };
  }, [initial.id]);
  return summary;
}
