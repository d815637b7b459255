// Fault injection: which fault (if any) a request gets, drawn from a seeded generator so that a
// run with the same seed and the same request order injects the same faults.
import { z } from 'zod';
import type { FaultConfig } from './types.js';

export const DEFAULT_ERROR_STATUSES: readonly number[] = [500, 502, 503, 429];

const rate = z.number().min(0).max(1);

export const faultConfigSchema = z
  .object({
    errorRate: rate.optional(),
    errorStatuses: z.array(z.number().int().min(400).max(599)).min(1).optional(),
    retryAfterSeconds: z.number().int().min(0).optional(),
    latencyMs: z.number().min(0).optional(),
    resetRate: rate.optional(),
    resetAppliesState: z.boolean().optional(),
    hangRate: rate.optional(),
  })
  .strict();

/** Throws a readable error when the config is not a valid FaultConfig. */
export function parseFaultConfig(value: unknown): FaultConfig | null {
  if (value === null) return null;
  const parsed = faultConfigSchema.safeParse(value);
  if (!parsed.success) throw new Error(`invalid fault config: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export type FaultDecision = { kind: 'none' } | { kind: 'hang' } | { kind: 'reset' } | { kind: 'error'; status: number };

/** mulberry32: small, fast and good enough for test randomness. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One draw splits [0, 1) into consecutive slices: hang, then reset, then error. The rates are
 * therefore exclusive; their sum is effectively capped at 1.
 */
export function decideFault(config: FaultConfig | null, random: () => number): FaultDecision {
  if (!config) return { kind: 'none' };
  const hang = config.hangRate ?? 0;
  const reset = config.resetRate ?? 0;
  const error = config.errorRate ?? 0;
  if (hang + reset + error <= 0) return { kind: 'none' };
  const roll = random();
  if (roll < hang) return { kind: 'hang' };
  if (roll < hang + reset) return { kind: 'reset' };
  if (roll < hang + reset + error) {
    const statuses = config.errorStatuses ?? DEFAULT_ERROR_STATUSES;
    const status = statuses[Math.min(statuses.length - 1, Math.floor(random() * statuses.length))] ?? 500;
    return { kind: 'error', status };
  }
  return { kind: 'none' };
}
