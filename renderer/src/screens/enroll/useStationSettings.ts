import { useEffect, useState } from 'react';
import type { StationError } from '../../../../shared/contract/result.js';
import type { StationSettings } from '../../../../shared/settings.js';
import { station } from '../../station.js';

export type SettingsState = { kind: 'loading' } | { kind: 'failed'; error: StationError } | { kind: 'ready'; settings: StationSettings };

/** The station settings, kept current when a supervisor changes them (provider, thresholds). */
export function useStationSettings(): SettingsState {
  const [state, setState] = useState<SettingsState>({ kind: 'loading' });
  useEffect(() => {
    const unsubscribe = station().subscribe['settings.changed']((settings) => setState({ kind: 'ready', settings }));
    void station()
      .invoke['settings.get']()
      .then((result) =>
        setState((current) =>
          current.kind === 'ready' ? current : result.ok ? { kind: 'ready', settings: result.value } : { kind: 'failed', error: result.error },
        ),
      );
    return unsubscribe;
  }, []);
  return state;
}
