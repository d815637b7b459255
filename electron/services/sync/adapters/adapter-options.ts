import type { Clock } from '../../clock.js';

export interface AdapterOptions {
  /** Poll deadlines and Retry-After dates are reckoned on it. */
  readonly clock: Clock;
  readonly photoRegistry: {
    /** How often `check` asks whether the photos are processed. */
    readonly pollIntervalMs: number;
    /** How long after confirmation a still-processing answer is waited for before the clerk is told. */
    readonly resultDeadlineMs: number;
  };
}
