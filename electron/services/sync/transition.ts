import type { StepOutcome } from './provider-adapter.js';
import type { SyncRecord, Transition } from '../sync-steps.js';
import { retryDelayMs, type BackoffPolicy } from './backoff.js';

/**
 * Failures after which the provider may have applied the request: no answer in time, the connection
 * broken after it was made, a gateway's 502/504, an adapter that threw mid-request.
 * `provider_unreachable` (no connection made) and answered errors are known not to have been applied.
 */
const MAYBE_APPLIED = new Set(['provider_timeout', 'provider_connection_lost', 'provider_outcome_unknown', 'sync_step_crashed']);

export interface TransitionInput {
  readonly record: SyncRecord;
  readonly outcome: StepOutcome;
  /** ms since epoch. */
  readonly now: number;
  /** The step cannot be safely repeated and this provider's lost answers are not resent by themselves. */
  readonly holdsUnknownOutcome: boolean;
  readonly backoff: BackoffPolicy;
  readonly random: () => number;
}

/** Where a submission goes after one step attempt: a pure decision on the attempt's outcome. */
export function transitionAfter({ record, outcome, now, holdsUnknownOutcome, backoff, random }: TransitionInput): Transition {
  switch (outcome.kind) {
    case 'advance':
      return record.stepIndex + 1 < record.steps.length ? { kind: 'next_step', stepState: outcome.state ?? {} } : { kind: 'done', outcome: null };
    case 'poll':
      return { kind: 'poll', nextAttemptAt: now + Math.max(0, outcome.afterMs), stepState: outcome.state ?? record.stepState };
    case 'complete':
      return { kind: 'done', outcome: outcome.outcome };
    case 'failed':
      switch (outcome.error.class) {
        case 'transient':
          // No answer, or a gateway's: the provider may have applied it. A step that cannot be repeated is not sent again on its own.
          if (MAYBE_APPLIED.has(outcome.error.code) && holdsUnknownOutcome) return { kind: 'outcome_unknown', error: outcome.error };
          return { kind: 'retry_wait', error: outcome.error, nextAttemptAt: now + retryDelayMs(record.failures + 1, random, backoff, outcome.retryAfterMs) };
        case 'auth':
          return { kind: 'paused', error: outcome.error };
        case 'needs_attention':
        case 'configuration':
          return { kind: 'needs_attention', error: outcome.error };
      }
  }
}
