import { FuseState, FuseV1Options } from '@electron/fuses';
import stationFuses from '../../../scripts/release/station-fuses.json' with { type: 'json' };

/** A fuse wire as @electron/fuses' getCurrentFuseWire reads it: option index to the state byte. */
export type FuseWire = Readonly<Record<number, number | undefined>>;

/** The fuses every packaged station carries (scripts/release/station-fuses.json, flipped by after-pack.mjs). */
export const EXPECTED_FUSES: Readonly<Record<string, boolean>> = stationFuses;

/**
 * Compares a fuse wire read from the running binary with the fuses the station expects. Throws
 * naming every fuse that is wrong (or missing from the wire); returns the names checked.
 */
export function checkFuseWire(wire: FuseWire, expected: Readonly<Record<string, boolean>> = EXPECTED_FUSES): string {
  const wrong = Object.entries(expected).flatMap(([name, enabled]) => {
    const option = (FuseV1Options as unknown as Record<string, number | undefined>)[name];
    if (option === undefined) return [`${name} is not a fuse this Electron knows`];
    const state = wire[option];
    if (state === (enabled ? FuseState.ENABLE : FuseState.DISABLE)) return [];
    return [`${name} should be ${enabled ? 'on' : 'off'} but is ${describeState(state)}`];
  });
  if (wrong.length > 0) throw new Error(wrong.join('; '));
  return `${Object.keys(expected).length} fuses as expected`;
}

function describeState(state: number | undefined): string {
  if (state === FuseState.ENABLE) return 'on';
  if (state === FuseState.DISABLE) return 'off';
  if (state === FuseState.REMOVED) return 'removed';
  return 'absent';
}
