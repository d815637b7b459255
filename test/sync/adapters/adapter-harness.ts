// Drives a provider adapter the way the sync engine will: builds the StepContext, runs a
// submission's steps in order, hands each step's state on, and honours poll outcomes quickly.
import type { Clock } from '../../../electron/services/clock.js';
import { createProviderAdapters } from '../../../electron/services/sync/adapters/index.js';
import type { AdapterOptions } from '../../../electron/services/sync/adapters/adapter-options.js';
import type { ProviderAdapter, ProviderConnection, StepOutcome, SyncSubmission } from '../../../electron/services/sync/provider-adapter.js';
import type { StepState } from '../../../electron/services/sync-steps.js';
import type { AssetKind, CheckIn } from '../../../shared/contract/queue.js';
import type { Operation } from '../../../shared/providers/declaration.js';
import type { ProviderId } from '../../../shared/providers/ids.js';

/** A clock the test moves by hand (poll deadlines). */
export class ManualClock implements Clock {
  #ms = Date.UTC(2026, 0, 5, 9, 0, 0);
  now(): Date {
    return new Date(this.#ms);
  }
  advance(ms: number): void {
    this.#ms += ms;
  }
}

export function adapterFor(id: ProviderId, options: Partial<AdapterOptions> = {}): ProviderAdapter {
  return createProviderAdapters({ photoRegistry: { pollIntervalMs: 20, resultDeadlineMs: 60_000 }, ...options })[id];
}

/** What the engine injects: the emulator's base URL, credentials, a fetch with a timeout, a session map. */
export function connection(baseUrl: string, credentials: Record<string, string>, timeoutMs = 60_000): ProviderConnection {
  return {
    baseUrl,
    credentials,
    fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
    session: new Map(),
  };
}

export interface Asset {
  mime: string;
  bytes: Buffer;
}

let counter = 0;
/** A unique station id per call, shaped like the station's (a UUID). */
export function submissionId(): string {
  counter += 1;
  return `0b3e5c2a-7d41-4c8e-9f10-${String(counter).padStart(12, '0')}`;
}

export function submission(
  operation: Operation,
  fields: Record<string, string>,
  assets: Partial<Record<AssetKind, Asset[]>> = {},
  checkIn: CheckIn | null = null,
  id = submissionId(),
): SyncSubmission {
  return { id, operation, fields, checkIn, assets: async (kind) => assets[kind] ?? [] };
}

export const jpeg = (bytes: Buffer): Asset => ({ mime: 'image/jpeg', bytes });

export interface Run {
  /** The last step's outcome: complete or failed (or the last poll when polls ran out). */
  outcome: StepOutcome;
  /** The step that produced it. */
  step: string;
  /** Steps run, polls included, in order. */
  ran: string[];
}

/** Runs every step of the submission in order; a poll reruns its step after a short pause (at most pollPauseMs). */
export async function runSubmission(
  adapter: ProviderAdapter,
  item: SyncSubmission,
  link: ProviderConnection,
  { maxPolls = 200, pollPauseMs = 25, startAt = 0, state = {} as StepState, previousAttemptInFlight = false } = {},
): Promise<Run> {
  const steps = adapter.steps(item.operation);
  const ran: string[] = [];
  let current: StepState = state;
  let polls = 0;
  let inFlight = previousAttemptInFlight;
  for (let index = startAt; index < steps.length;) {
    const step = steps[index] as string;
    ran.push(step);
    const outcome = await adapter.runStep(step, { submission: item, connection: link, state: current, previousAttemptInFlight: inFlight });
    inFlight = false;
    if (outcome.kind === 'complete' || outcome.kind === 'failed') return { outcome, step, ran };
    current = outcome.state ?? {};
    if (outcome.kind === 'poll') {
      polls += 1;
      if (polls > maxPolls) return { outcome, step, ran };
      await new Promise((resolve) => setTimeout(resolve, Math.min(outcome.afterMs, pollPauseMs)));
      continue;
    }
    index += 1;
  }
  throw new Error(`${item.operation} ended without a complete outcome after ${ran.join(', ')}`);
}

/** The failure of a run, for expect(...).toMatchObject. */
export function failure(run: Run): unknown {
  return run.outcome.kind === 'failed' ? { ...run.outcome.error, retryAfterMs: run.outcome.retryAfterMs, step: run.step } : run.outcome;
}
