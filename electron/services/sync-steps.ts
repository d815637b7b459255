import type { AssetKind, CheckIn, SubmissionError, SubmissionOutcome, SubmissionState, SubmissionSummary, SyncHealth } from '../../shared/contract/queue.js';
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

/** What one attempt achieved, as the step log records it: the outcome and where the submission goes next. */
export interface FinishedAttempt {
  readonly attempt: StepAttempt;
  readonly outcome: AttemptOutcome;
  readonly httpStatus: number | null;
  readonly transition: Transition;
}

/** The queue as the sync engine works it: the step log, what is due, and the delivered biometrics to delete. */
export interface SyncQueue {
  /** Submissions a crash left mid-step, back at their step (or held as outcome unknown); returns their ids. */
  recoverInterrupted(holdsUnknownOutcome: (provider: ProviderId, step: string) => boolean): string[];
  due(provider: ProviderId, nowMs: number, limit: number, skip: ReadonlySet<string>): string[];
  nextDueAt(provider: ProviderId): number | null;
  expediteUnanswered(nowMs: number): number;
  waitsForAnAnswer(provider: ProviderId, nowMs: number): boolean;
  loadForSync(id: string): SyncRecord | null;
  assets(id: string, kind: AssetKind): Array<{ mime: string; bytes: Buffer }>;
  /** Resolves once the attempt's start is on disk, before its request may leave. */
  beginAttempt(id: string): Promise<StepAttempt>;
  withdrawAttempt(attempt: StepAttempt): void;
  /** Records the attempts in one transaction; answers each submission as it is then, in the same order. */
  finishAttempts(finished: readonly FinishedAttempt[]): SubmissionSummary[];
  requeue(id: string): void;
  summary(id: string): SubmissionSummary | null;
  deleteDeliveredAssets(doneBefore: Date | null): string[];
  reclaimSpace(): void;
}

/** The sync engine as the queue's service sees it. */
export interface SyncControl {
  readonly online: boolean;
  /** A submission changed outside the engine (enqueued, retried, discarded): a verify waiting on it may have its answer, and there may be work. */
  changed(id: string): void;
  waitUntilSettled(id: string, timeoutMs: number): Promise<void>;
  health(): SyncHealth;
  isInFlight(id: string): boolean;
}
