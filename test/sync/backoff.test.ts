import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../electron/services/sync/backoff.js';

const policy = { baseMs: 1000, capMs: 30_000, retryAfterCapMs: 600_000 };

describe('retry backoff', () => {
  it('draws uniformly below a ceiling that doubles with each failure', () => {
    expect([1, 2, 3, 4, 5].map((failures) => retryDelayMs(failures, () => 0.999_999, policy))).toEqual([999, 1999, 3999, 7999, 15_999]);
    expect(retryDelayMs(3, () => 0.5, policy)).toBe(2000);
    expect(retryDelayMs(3, () => 0, policy)).toBe(0);
  });

  it('never lets the ceiling pass the cap, however many failures', () => {
    expect(retryDelayMs(6, () => 0.999_999, policy)).toBe(29_999);
    expect(retryDelayMs(5000, () => 0.5, policy)).toBe(15_000);
  });

  it('waits at least as long as Retry-After says, up to its own cap', () => {
    expect(retryDelayMs(1, () => 0.5, policy, 120_000)).toBe(120_000);
    // A jittered wait longer than Retry-After stands: the provider gave a floor, not a time.
    expect(retryDelayMs(6, () => 0.9, policy, 1000)).toBe(27_000);
    expect(retryDelayMs(1, () => 0.5, policy, 86_400_000)).toBe(600_000);
    expect(retryDelayMs(1, () => 0.5, policy, -5)).toBe(500);
  });
});
