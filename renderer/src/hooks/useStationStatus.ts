import { useEffect, useState } from 'react';
import type { StationStatus } from '../../../shared/contract/status.js';
import type { StationError } from '../../../shared/contract/result.js';
import { station } from '../station.js';

export type StatusState = { kind: 'loading' } | { kind: 'ready'; status: StationStatus } | { kind: 'failed'; error: StationError };

/** The station status from main: fetched once, then kept current by `status.changed`. */
export function useStationStatus(): StatusState {
  const [state, setState] = useState<StatusState>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    const unsubscribe = station().subscribe['status.changed']((status) => setState({ kind: 'ready', status }));
    void station()
      .invoke['status.get']()
      .then((result) => {
        if (!live) return;
        setState(result.ok ? { kind: 'ready', status: result.value } : { kind: 'failed', error: result.error });
      });
    return () => {
      live = false;
      unsubscribe();
    };
  }, []);
  return state;
}
