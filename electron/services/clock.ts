/** Injected so tests can drive time (backoff, idle lock, retention) without sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
