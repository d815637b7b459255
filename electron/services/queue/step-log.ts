import type { AssetKind, SubmissionError, SubmissionState, SubmissionSummary } from '../../../shared/contract/queue.js';
import type { ProviderId } from '../../../shared/providers/ids.js';
import type { Clock } from '../clock.js';
import type { WalFlusher } from '../store/wal-flush.js';
import { OUTCOME_UNKNOWN_CODE, type FinishedAttempt, type StepAttempt, type SyncRecord } from '../sync-steps.js';
import type { Vault } from '../vault/vault.js';
import { notFound, stepName, type SubmissionRow, type SubmissionRows } from './submission-rows.js';

/** States the sync engine picks work from (when their time has come). */
const RUNNABLE_STATES: readonly SubmissionState[] = ['queued', 'retry_wait', 'awaiting_result'];

/**
 * In retry_wait, due after the given time, because the last attempt got no HTTP answer at all. The
 * runnable-states term lets SQLite read the partial index submissions_due instead of every row.
 */
const WAITING_FOR_AN_ANSWER = `state IN ('queued', 'retry_wait', 'awaiting_result') AND state = 'retry_wait' AND next_attempt_at > ?
  AND COALESCE(json_extract(error, '$.httpStatus'), 0) = 0`;

interface HeldStart {
  readonly id: string;
  readonly resolve: (attempt: StepAttempt) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * The step log and what the sync engine reads and writes around it: which submissions are due,
 * each attempt's start (on disk before its request leaves) and outcome, and the recovery of what
 * a crash interrupted. Every change is one transaction, so a crash leaves a submission exactly at
 * its last committed step.
 */
export class StepLog {
  /** Starts asked for in this turn, committed together at its end. */
  #starting: HeldStart[] = [];
  #startScheduled = false;

  constructor(
    private readonly rows: SubmissionRows,
    private readonly vault: Vault,
    private readonly clock: Clock,
    private readonly wal: WalFlusher,
  ) {}

  /** Ids whose time has come for one provider, verifications first (a person is waiting at the desk), then longest due. */
  due(provider: ProviderId, nowMs: number, limit: number, skip: ReadonlySet<string>): string[] {
    // Each query is an ordered scan of a partial index (migration 4); ties go in enqueue order.
    const runnable = `state IN ('queued', 'retry_wait', 'awaiting_result') AND provider = ? AND next_attempt_at <= ?`;
    const enough = limit + skip.size;
    const verifications = this.rows
      .prepare(`SELECT id FROM submissions WHERE ${runnable} AND operation = 'verify' ORDER BY next_attempt_at, rowid LIMIT ?`)
      .all(provider, nowMs, enough) as Array<{ id: string }>;
    const all = this.rows
      .prepare(`SELECT id FROM submissions WHERE ${runnable} ORDER BY next_attempt_at, rowid LIMIT ?`)
      .all(provider, nowMs, enough + verifications.length) as Array<{ id: string }>;
    const ids = new Set([...verifications, ...all].map((row) => row.id));
    return [...ids].filter((id) => !skip.has(id)).slice(0, limit);
  }

  /** When the next submission of this provider becomes due (ms since epoch), if any waits. */
  nextDueAt(provider: ProviderId): number | null {
    const row = this.rows
      .prepare(`SELECT MIN(next_attempt_at) AS at FROM submissions WHERE state IN ('queued', 'retry_wait', 'awaiting_result') AND provider = ?`)
      .get(provider) as { at: number | null };
    return row.at;
  }

  /**
   * The network is back: submissions waiting only because no answer came (no HTTP status) are due
   * now instead of at the end of their backoff. A provider's own 5xx or Retry-After keeps its schedule.
   */
  expediteUnanswered(nowMs: number): number {
    return this.rows.prepare(`UPDATE submissions SET next_attempt_at = ? WHERE ${WAITING_FOR_AN_ANSWER}`).run(nowMs, nowMs).changes;
  }

  /** Whether some submission of this provider waits, past now, only because no answer came. */
  waitsForAnAnswer(provider: ProviderId, nowMs: number): boolean {
    return this.rows.prepare(`SELECT 1 FROM submissions WHERE ${WAITING_FOR_AN_ANSWER} AND provider = ? LIMIT 1`).get(nowMs, provider) !== undefined;
  }

  loadForSync(id: string): SyncRecord | null {
    const row = this.rows.row(id);
    if (!row) return null;
    return {
      id,
      operation: row.operation,
      provider: row.provider,
      state: row.state,
      steps: JSON.parse(row.steps) as string[],
      stepIndex: row.step_index,
      stepState: this.rows.stepState(row) ?? {},
      failures: row.failures,
      fields: this.rows.fields(row),
      checkIn: this.rows.checkIn(row),
    };
  }

  assets(id: string, kind: AssetKind): Array<{ mime: string; bytes: Buffer }> {
    const rows = this.rows.prepare('SELECT seq, mime, data FROM submission_assets WHERE submission_id = ? AND kind = ? ORDER BY seq').all(id, kind) as Array<{
      seq: number;
      mime: string;
      data: Buffer;
    }>;
    return rows.map((row) => ({ mime: row.mime, bytes: this.vault.open(id, `asset:${row.seq}`, row.data) }));
  }

  /** An attempt of this step got no answer: the provider may have applied it, so the next one reconciles first. */
  mayHaveArrived(id: string, stepIndex: number): boolean {
    return (
      this.rows
        .prepare(`SELECT 1 FROM submission_steps WHERE submission_id = ? AND step_index = ? AND (outcome IS NULL OR outcome = 'lost') LIMIT 1`)
        .get(id, stepIndex) !== undefined
    );
  }

  /**
   * Commits "this step is about to be sent" and resolves once that commit is on disk, before the
   * request leaves: a power cut cannot forget a request that may have been applied. The starts
   * asked for in one turn of the event loop are committed together at its end (setImmediate), one
   * transaction instead of one each; the fsync runs off the event loop and is shared by the starts
   * committed meanwhile. A start held for its batch when the process dies was never committed:
   * nothing was sent. A poll keeps its awaiting_result state (a read, nothing on the wire that could
   * be applied twice).
   */
  beginAttempt(id: string): Promise<StepAttempt> {
    return new Promise((resolve, reject) => {
      this.#starting.push({ id, resolve, reject });
      if (this.#startScheduled) return;
      this.#startScheduled = true;
      setImmediate(() => this.#beginHeld());
    });
  }

  /**
   * Commits what attempts achieved and where their submissions go next, all in one transaction:
   * answers that arrive together cost one commit, and a crash keeps all of them or none (an
   * attempt left open reads as in flight, and recoverInterrupted deals with it). Answers each
   * submission as it is now, in the order given.
   */
  finishAttempts(finished: readonly FinishedAttempt[]): SubmissionSummary[] {
    const now = this.clock.now();
    const rows = this.rows.db.transaction(() => finished.map((attempt) => this.#finish(attempt, now)))();
    return rows.map((row) => this.rows.summary(row));
  }

  /**
   * A started step that never went on the wire (its provider was paused meanwhile): its attempt is
   * closed as failed, since nothing can have been applied, and the submission is due again at that step.
   */
  withdrawAttempt(attempt: StepAttempt): void {
    const now = this.clock.now();
    this.rows.db.transaction(() => {
      this.rows.prepare('UPDATE submission_steps SET finished_at = ?, outcome = ? WHERE id = ?').run(now.toISOString(), 'failed', attempt.attemptId);
      this.#requeue(attempt.submissionId);
      // A poll keeps awaiting_result while it runs; it only needs its due time back.
      this.rows.prepare(`UPDATE submissions SET next_attempt_at = ? WHERE id = ? AND state = 'awaiting_result'`).run(now.getTime(), attempt.submissionId);
    })();
  }

  /**
   * After a crash or a kill: whatever was being sent goes back to queued at the step it had
   * reached (or, for a step that cannot be safely repeated, to outcome_unknown), and a poll that
   * was running becomes due again. Its open attempt stays in the log.
   */
  recoverInterrupted(holdsUnknownOutcome: (provider: ProviderId, step: string) => boolean): string[] {
    return this.rows.db.transaction(() => {
      const rows = this.rows.prepare(`SELECT * FROM submissions WHERE state = 'sending'`).all() as SubmissionRow[];
      const at = this.clock.now().toISOString();
      for (const row of rows) {
        const step = stepName(row.steps, row.step_index);
        // Its request may have left before the crash: a step that cannot be repeated waits for a supervisor.
        if (step !== null && holdsUnknownOutcome(row.provider, step)) {
          const cause: SubmissionError = {
            class: 'transient',
            code: 'sync_interrupted',
            httpStatus: null,
            detail: 'The station stopped while this step was being sent.',
          };
          this.#holdOutcomeUnknown(row.id, cause, at);
        } else this.#requeue(row.id);
      }
      this.rows
        .prepare(`UPDATE submissions SET next_attempt_at = ? WHERE state = 'awaiting_result' AND next_attempt_at IS NULL`)
        .run(this.clock.now().getTime());
      return rows.map((row) => row.id);
    })();
  }

  /** One submission the engine stopped working on between steps (the provider was unconfigured meanwhile). */
  requeue(id: string): void {
    this.rows.db.transaction(() => this.#requeue(id))();
  }

  #beginHeld(): void {
    const held = this.#starting;
    this.#starting = [];
    this.#startScheduled = false;
    const at = this.clock.now().toISOString();
    let started: Array<StepAttempt | Error>;
    try {
      started = this.rows.db.transaction(() => held.map(({ id }) => this.#begin(id, at)))();
    } catch (error) {
      for (const start of held) start.reject(error);
      return;
    }
    const begun: Array<{ start: HeldStart; attempt: StepAttempt }> = [];
    held.forEach((start, index) => {
      const attempt = started[index] as StepAttempt | Error;
      if (attempt instanceof Error) start.reject(attempt);
      else begun.push({ start, attempt });
    });
    this.wal.flush().then(
      () => {
        for (const { start, attempt } of begun) start.resolve(attempt);
      },
      (error: unknown) => {
        for (const { start } of begun) start.reject(error);
      },
    );
  }

  /** One start, inside its batch's transaction: a submission that cannot start is refused alone, before anything of it is written. */
  #begin(id: string, at: string): StepAttempt | Error {
    // Only what deciding needs: the whole row comes back from the update.
    const row = this.rows.prepare('SELECT state, steps, step_index FROM submissions WHERE id = ?').get(id) as
      Pick<SubmissionRow, 'state' | 'steps' | 'step_index'> | undefined;
    // `sending`: the engine goes straight on to the next step of a submission it is already working on.
    if (!row || !(RUNNABLE_STATES.includes(row.state) || row.state === 'sending')) return new Error(`Submission ${id} is not runnable.`);
    const step = stepName(row.steps, row.step_index);
    if (step === null) return new Error(`Submission ${id} has no step ${row.step_index}.`);
    const previousAttemptInFlight = this.mayHaveArrived(id, row.step_index);
    const attemptId = Number(
      this.rows.prepare('INSERT INTO submission_steps (submission_id, step_index, step, started_at) VALUES (?, ?, ?, ?)').run(id, row.step_index, step, at)
        .lastInsertRowid,
    );
    const state: SubmissionState = row.state === 'awaiting_result' ? 'awaiting_result' : 'sending';
    // No due time while running: it is not due again until this attempt's outcome says when.
    const updated = this.rows
      .prepare('UPDATE submissions SET state = ?, attempts = attempts + 1, next_attempt_at = NULL, updated_at = ? WHERE id = ? RETURNING *')
      .get(state, at, id) as SubmissionRow;
    if (state !== row.state) this.rows.history(id, at, state, step, null);
    return { attemptId, submissionId: id, submission: this.rows.summary(updated), previousAttemptInFlight };
  }

  /** Records one attempt's outcome and moves its submission on; returns the row as it leaves it. */
  #finish({ attempt, outcome, httpStatus, transition }: FinishedAttempt, now: Date): SubmissionRow {
    const at = now.toISOString();
    const id = attempt.submissionId;
    const { rows } = this;
    rows.prepare('UPDATE submission_steps SET finished_at = ?, outcome = ?, http_status = ? WHERE id = ?').run(at, outcome, httpStatus, attempt.attemptId);
    const base = { id, at };
    switch (transition.kind) {
      case 'next_step': {
        const row = this.#update(
          `UPDATE submissions SET state = 'sending', step_index = step_index + 1, step_state = @stepState, failures = 0, error = NULL,
             updated_at = @at WHERE id = @id RETURNING *`,
          { ...base, stepState: this.vault.sealJson(id, 'step-state', transition.stepState) },
        );
        rows.history(id, at, 'sending', stepName(row.steps, row.step_index), null);
        return row;
      }
      case 'poll': {
        const polling = (rows.prepare('SELECT state FROM submissions WHERE id = ?').get(id) as Pick<SubmissionRow, 'state'> | undefined)?.state;
        const row = this.#update(
          `UPDATE submissions SET state = 'awaiting_result', step_state = @stepState, failures = 0, error = NULL,
             next_attempt_at = @due, updated_at = @at WHERE id = @id RETURNING *`,
          { ...base, due: transition.nextAttemptAt, stepState: this.vault.sealJson(id, 'step-state', transition.stepState) },
        );
        if (polling !== 'awaiting_result') rows.history(id, at, 'awaiting_result', stepName(row.steps, row.step_index), null);
        return row;
      }
      case 'done': {
        const row = this.#update(
          `UPDATE submissions SET state = 'done', outcome = @outcome, error = NULL, step_state = NULL, next_attempt_at = NULL,
             done_at = @at, updated_at = @at WHERE id = @id RETURNING *`,
          { ...base, outcome: transition.outcome ? rows.sealOutcome(id, transition.outcome) : null },
        );
        rows.history(id, at, 'done', null, null);
        return row;
      }
      case 'retry_wait': {
        const row = this.#update(
          `UPDATE submissions SET state = 'retry_wait', failures = failures + 1, error = @error, next_attempt_at = @due,
             updated_at = @at WHERE id = @id RETURNING *`,
          { ...base, error: rows.sealError(id, transition.error), due: transition.nextAttemptAt },
        );
        rows.history(id, at, 'retry_wait', stepName(row.steps, row.step_index), transition.error);
        return row;
      }
      case 'paused': {
        const row = this.#update(
          `UPDATE submissions SET state = 'queued', error = @error, next_attempt_at = @due, updated_at = @at WHERE id = @id RETURNING *`,
          {
            ...base,
            error: rows.sealError(id, transition.error),
            due: now.getTime(),
          },
        );
        rows.history(id, at, 'queued', stepName(row.steps, row.step_index), transition.error);
        return row;
      }
      case 'needs_attention': {
        const row = this.#update(
          `UPDATE submissions SET state = 'needs_attention', error = @error, next_attempt_at = NULL, updated_at = @at WHERE id = @id RETURNING *`,
          { ...base, error: rows.sealError(id, transition.error) },
        );
        rows.history(id, at, 'needs_attention', stepName(row.steps, row.step_index), transition.error);
        return row;
      }
      case 'outcome_unknown':
        return this.#holdOutcomeUnknown(id, transition.error, at);
    }
  }

  /** One update of a submission that answers the row it leaves (RETURNING *): no read before or after. */
  #update(sql: string, values: { id: string } & Record<string, unknown>): SubmissionRow {
    const row = this.rows.prepare(sql).get(values) as SubmissionRow | undefined;
    if (!row) throw notFound(values.id);
    return row;
  }

  #holdOutcomeUnknown(id: string, cause: SubmissionError, at: string): SubmissionRow {
    // The cause's code stays in the words, so support sees whether it was a timeout, a reset or a gateway.
    const error: SubmissionError = {
      class: 'transient',
      code: OUTCOME_UNKNOWN_CODE,
      httpStatus: cause.httpStatus,
      detail: cause.code === OUTCOME_UNKNOWN_CODE ? cause.detail : `${cause.code}${cause.detail ? `: ${cause.detail}` : ''}`,
    };
    const row = this.#update(
      `UPDATE submissions SET state = 'needs_attention', error = @error, next_attempt_at = NULL, updated_at = @at WHERE id = @id RETURNING *`,
      { id, at, error: this.rows.sealError(id, error) },
    );
    this.rows.history(id, at, 'outcome_unknown', stepName(row.steps, row.step_index), error);
    return row;
  }

  #requeue(id: string): void {
    const row = this.rows.row(id);
    if (row?.state !== 'sending') return;
    const now = this.clock.now();
    this.rows.prepare(`UPDATE submissions SET state = 'queued', next_attempt_at = ?, updated_at = ? WHERE id = ?`).run(now.getTime(), now.toISOString(), id);
    this.rows.history(id, now.toISOString(), 'queued', stepName(row.steps, row.step_index), null);
  }
}
