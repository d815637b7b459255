import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChannelOutput } from '../../../../shared/contract/index.js';
import type { SubmissionState } from '../../../../shared/contract/queue.js';
import type { StationError } from '../../../../shared/contract/result.js';
import { useGuardedCall } from '../../app/session.js';
import { station } from '../../station.js';

export type QueueListResult = ChannelOutput<'queue.list'>;

export interface QueueFilter {
  readonly states: readonly SubmissionState[];
  readonly search: string;
  readonly limit: number;
}

/** Events come in bursts while a submission moves step by step; one list reload per burst is enough. */
const RELOAD_DELAY_MS = 300;

/**
 * The filtered queue, kept live: a `queue.changed` event updates counts, health and
 * the changed row at once, then the list is read again so new and moved rows appear.
 */
export function useQueueList(filter: QueueFilter) {
  const guarded = useGuardedCall();
  const [data, setData] = useState<QueueListResult | null>(null);
  const [error, setError] = useState<StationError | null>(null);
  // Answers can overtake each other; only the newest request's answer is shown.
  const latest = useRef(0);
  const statesKey = filter.states.join(',');

  const load = useCallback(async () => {
    const request = ++latest.current;
    const states = statesKey === '' ? undefined : (statesKey.split(',') as SubmissionState[]);
    const search = filter.search.trim();
    const result = await guarded(station().invoke['queue.list']({ ...(states ? { states } : {}), ...(search ? { search } : {}), limit: filter.limit }));
    if (request !== latest.current) return;
    if (result.ok) {
      setData(result.value);
      setError(null);
    } else {
      setError(result.error);
    }
  }, [guarded, statesKey, filter.search, filter.limit]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = station().subscribe['queue.changed']((event) => {
      setData(
        (current) =>
          current && {
            ...current,
            counts: event.counts,
            health: event.health,
            items: event.item ? current.items.map((item) => (item.id === event.item?.id ? event.item : item)) : current.items,
          },
      );
      clearTimeout(timer);
      timer = setTimeout(() => void load(), RELOAD_DELAY_MS);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [load]);

  return { data, error, reload: load };
}
