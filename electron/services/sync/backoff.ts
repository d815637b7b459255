/** How long a transiently failed submission waits before its next attempt. */
export interface BackoffPolicy {
  /** The ceiling of the first wait; it doubles with every consecutive failure. */
  readonly baseMs: number;
  /** The exponential ceiling never grows past this. */
  readonly capMs: number;
  /** A provider's Retry-After is honoured up to this; a larger one is treated as this. */
  readonly retryAfterCapMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 5 * 60_000, retryAfterCapMs: 60 * 60_000 };

/**
 * Exponential backoff with full jitter: a uniform wait in [0, min(cap, base * 2^(failures-1))),
 * so a room of stations coming back online does not retry in step. A Retry-After is a floor:
 * the provider said when it can take the request again.
 */
export function retryDelayMs(failures: number, random: () => number, policy: BackoffPolicy, retryAfterMs?: number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  const jittered = Math.floor(random() * ceiling);
  if (retryAfterMs === undefined) return jittered;
  return Math.max(jittered, Math.min(Math.max(0, retryAfterMs), policy.retryAfterCapMs));
}
