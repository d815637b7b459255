// Command-line flags of the preview host (`npm run preview -- ...`).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SCRYPT_COST, type ScryptCost } from '../services/operators/secret-hash.js';
import { PHOTO_REGISTRY_DEFAULTS, type AdapterOptions } from '../services/sync/adapters/index.js';
/** Longer delays overflow Node's timers, which then fire at once. */
const MAX_TIMER_DELAY_MS = 2_147_483_647;
const MINUTE_MS = 60_000;
const MIN_IDLE_LOCK_MINUTE_MS = 5_000;

export interface PreviewOptions {
  readonly port: number;
  readonly dataDir: string;
  /** Empty unless `--photo-registry-poll-ms` is given: the adapters keep their defaults. */
  readonly adapterOptions: Partial<Omit<AdapterOptions, 'clock'>>;
  /** The station's own cost unless `--scrypt-log-n` lowers it (browser tests sign in dozens of times). */
  readonly secretHashCost: ScryptCost;
  /** One minute of the idle lock, 60 s unless `--idle-lock-minute-ms` shortens it (browser tests see the warning and the lock in seconds). */
  readonly idleLockMinuteMs: number;
}

/** A flag the preview host cannot run with; its message is meant for the person who typed it. */
export class PreviewOptionsError extends Error {}

function pollIntervalMs(value: string): number {
  const ms = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(ms >= 1 && ms <= MAX_TIMER_DELAY_MS)) {
    throw new PreviewOptionsError(`--photo-registry-poll-ms: expected a whole number of milliseconds from 1 to ${MAX_TIMER_DELAY_MS}, got "${value}"`);
  }
  return ms;
}

/** scrypt's N as a power of two: from 2^10 (tests) to the station's own. */
function secretHashCost(value: string | undefined): ScryptCost {
  if (value === undefined) return DEFAULT_SCRYPT_COST;
  const logN = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  const highest = Math.log2(DEFAULT_SCRYPT_COST.N);
  if (!(logN >= 10 && logN <= highest)) throw new PreviewOptionsError(`--scrypt-log-n: expected a whole number from 10 to ${highest}, got "${value}"`);
  return { ...DEFAULT_SCRYPT_COST, N: 2 ** logN };
}

/** Down to 5 s: the warning shows for the last half of a one-minute lock, and the renderer's countdown ticks once a second. */
function idleLockMinuteMs(value: string | undefined): number {
  if (value === undefined) return MINUTE_MS;
  const ms = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(ms >= MIN_IDLE_LOCK_MINUTE_MS && ms <= MINUTE_MS))
    throw new PreviewOptionsError(
      `--idle-lock-minute-ms: expected a whole number of milliseconds from ${MIN_IDLE_LOCK_MINUTE_MS} to ${MINUTE_MS}, got "${value}"`,
    );
  return ms;
}

export function parsePreviewOptions(argv: readonly string[]): PreviewOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string', default: '5180' },
        'data-dir': { type: 'string', default: path.resolve('.station-data') },
        'photo-registry-poll-ms': { type: 'string' },
        'scrypt-log-n': { type: 'string' },
        'idle-lock-minute-ms': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new PreviewOptionsError((error as Error).message);
  }
  const pollMs = values['photo-registry-poll-ms'];
  return {
    port: Number(values.port),
    dataDir: values['data-dir'],
    adapterOptions:
      // The flag shortens only how often photo-registry is asked; the deadline stays the adapter's.
      pollMs === undefined ? {} : { photoRegistry: { ...PHOTO_REGISTRY_DEFAULTS, pollIntervalMs: pollIntervalMs(pollMs) } },
    secretHashCost: secretHashCost(values['scrypt-log-n']),
    idleLockMinuteMs: idleLockMinuteMs(values['idle-lock-minute-ms']),
  };
}
