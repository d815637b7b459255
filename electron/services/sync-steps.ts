import type { CheckIn, SubmissionError, SubmissionOutcome, SubmissionState, SubmissionSummary } from '../../shared/contract/queue.js';
import type { Operation } from '../../shared/providers/declaration.js';
import type { ProviderId } from '../../shared/providers/ids.js';

// The words the queue (which keeps submissions) and the sync engine (which moves them) share, so
// neither folder reaches into the other's modules for them.

/** Small JSON state a step hands to the next attempt or the next step (e.g. photos uploaded, a poll deadline). */
export type StepState = Readonly<Record<string, string | number | boolean | null>>;

/**
 * outcome_unknown is kept in the table as needs_attention with this error code: both wait for a
 * person and are never due, and the table's state CHECK (migration 3) predated the state. The
 * store answers it as its own state everywhere (summaries, counts, lists, the report).
 */
export const OUTCOME_UNKNOWN_CODE = 'provider_outcome_unknown';

/** A submission as the sync engine needs it for one step. */
export interface SyncRecord {
  readonly id: string;
  readonly operation: Operation;
  readonly provider: ProviderId;
  readonly state: SubmissionState;
  readonly steps: readonly string[];
  readonly stepIndex: number;
  readonly stepState: StepState;
  readonly failures: number;
  readonly fields: Readonly<Record<string, string>>;
  readonly checkIn: CheckIn | null;
}

/** An attempt of one step, written before its request goes out. */
export interface StepAttempt {
  readonly attemptId: number;
  readonly submissionId: string;
  /** The submission as starting this attempt left it. */
  readonly submission: SubmissionSummary;
  /** An earlier attempt of this very step got no answer (lost response, timeout, crash mid-request). */
  readonly previousAttemptInFlight: boolean;
}

/** What the step log says of an attempt: `lost` means no answer came back, so the provider may have applied it. */
export type AttemptOutcome = 'advance' | 'poll' | 'complete' | 'failed' | 'lost';

/** Where a submission goes after a step attempt. */
export type Transition =
  | { readonly kind: 'next_step'; readonly stepState: StepState }
  | { readonly kind: 'poll'; readonly nextAttemptAt: number; readonly stepState: StepState }
  | { readonly kind: 'done'; readonly outcome: SubmissionOutcome | null }
  | { readonly kind: 'retry_wait'; readonly error: SubmissionError; readonly nextAttemptAt: number }
  /** Auth refused: not the submission's fault; it waits, queued, until the provider is resumed. */
  | { readonly kind: 'paused'; readonly error: SubmissionError }
  | { readonly kind: 'needs_attention'; readonly error: SubmissionError }
  /** A step that cannot be safely repeated got no answer: it waits for a supervisor (`outcome_unknown`). */
  | { readonly kind: 'outcome_unknown'; readonly error: SubmissionError };
