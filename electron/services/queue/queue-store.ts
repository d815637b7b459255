import type { Database } from 'better-sqlite3';
import {
  SUBMISSION_STATES,
  type AssetKind,
  type CaptureMetadata,
  type OutcomeDecision,
  type SubmissionDetail,
  type SubmissionError,
  type SubmissionOutcome,
  type SubmissionState,
  type SubmissionSummary,
} from '../../../shared/contract/queue.js';
import { StationFailure } from '../../../shared/contract/result.js';
import type { ProviderId } from '../../../shared/providers/ids.js';
import { APPROVAL_REJECTED_CODE } from '../../../shared/recovery.js';
import type { Clock } from '../clock.js';
import { FaceDescriptorTable, type FaceToKeep, type KeptFace } from '../duplicates/face-descriptor-table.js';
import { fileSyncer, WalFlusher, type FileSyncer } from '../store/wal-flush.js';
import type { AttemptOutcome, FinishedAttempt, StepAttempt, SyncQueue, SyncRecord, Transition } from '../sync-steps.js';
import type { Vault } from '../vault/vault.js';
import { BiometricsDeletion } from './biometrics-deletion.js';
import { CarriedSubmissions } from './carried-submissions.js';
import { durableTransaction, type DurableTransaction } from './durable-transaction.js';
import { freeShortReference, normalizeReferenceSearch } from './short-reference.js';
import { StepLog } from './step-log.js';
import { answeredState, FINAL_STATES, IS_OUTCOME_UNKNOWN, notFound, stepName, SubmissionRows, whereState, type SubmissionRow } from './submission-rows.js';
import type { ValidatedSubmission } from './submission-validation.js';

export type QueueCounts = Record<SubmissionState, number>;

export interface NewSubmission extends ValidatedSubmission {
  readonly id: string;
  readonly operatorId: string | null;
  /** The adapter's step list, fixed now so an upgrade that changes an adapter never re-shapes a started submission. */
  readonly steps: readonly string[];
  /** The station's prefix for the short reference (settings `referencePrefix`); `ST` when not given. */
  readonly referencePrefix?: string;
  /** Held in awaiting_approval, never due, until a supervisor approves it. */
  readonly awaitsApproval?: boolean;
  /** An enrollment's face descriptor and identity, kept sealed as long as its photos. */
  readonly face?: FaceToKeep | null;
}

export interface ListQuery {
  readonly states?: readonly SubmissionState[];
  readonly search?: string;
  readonly limit: number;
  readonly offset: number;
}

/** One line of the CSV report: metadata only. */
export interface ReportRow {
  readonly id: string;
  readonly shortReference: string;
  readonly operation: string;
  readonly provider: string;
  readonly state: SubmissionState;
  readonly step: string | null;
  readonly attempts: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly doneAt: string | null;
  readonly operatorId: string | null;
  readonly error: SubmissionError | null;
  readonly outcome: SubmissionOutcome | null;
  readonly discardReason: string | null;
  readonly assetsDeletedAt: string | null;
}

/**
 * The durable queue: submissions, their encrypted assets, the step attempt log and the
 * state history, in the station database. The station's one handle on them: what a clerk or a
 * supervisor does to a submission is here; the sync engine's part is the step log (StepLog), the
 * rows and labels are SubmissionRows', what goes after delivery is BiometricsDeletion's, and the
 * hand-carry between stations is CarriedSubmissions' (`carried`).
 */
export class QueueStore implements SyncQueue {
  readonly #rows: SubmissionRows;
  readonly #steps: StepLog;
  readonly #biometrics: BiometricsDeletion;
  readonly #durably: DurableTransaction;
  readonly #wal: WalFlusher;
  readonly #faces: FaceDescriptorTable;
  /** The hand-carry between stations: waiting submissions out to a file, and in from one. */
  readonly carried: CarriedSubmissions;

  constructor(
    private readonly db: Database,
    private readonly vault: Vault,
    private readonly clock: Clock,
    openSyncer: (file: string) => FileSyncer = fileSyncer,
  ) {
    this.#durably = durableTransaction(db);
    this.#wal = new WalFlusher(db, openSyncer);
    this.#faces = new FaceDescriptorTable(db, vault);
    this.#rows = new SubmissionRows(db, vault);
    this.#steps = new StepLog(this.#rows, vault, clock, this.#wal);
    this.#biometrics = new BiometricsDeletion(this.#rows, this.#faces);
    this.carried = new CarriedSubmissions({ rows: this.#rows, steps: this.#steps, biometrics: this.#biometrics, vault, clock, durably: this.#durably });
    // Deleted photos give their pages back to the file system (incremental_vacuum after a purge).
    // Switching needs one VACUUM; it runs once, right after the queue tables were created.
    if ((db.pragma('auto_vacuum', { simple: true }) as number) !== 2) {
      db.pragma('auto_vacuum = INCREMENTAL');
      db.exec('VACUUM');
    }
  }

  enqueue(submission: NewSubmission): SubmissionSummary {
    const now = this.clock.now();
    const at = now.toISOString();
    const { id } = submission;
    // The sealing happens before the transaction: the write lock is held only for the writes.
    const sealedAssets = submission.assets.map((asset, seq) => this.vault.seal(id, `asset:${seq}`, asset.bytes));
    const sealedFace = submission.face ? this.#faces.seal(id, submission.face) : null;
    const values = {
      id,
      operation: submission.operation,
      provider: submission.provider,
      fields: this.vault.sealJson(id, 'fields', submission.fields),
      checkIn: submission.checkIn ? this.vault.sealJson(id, 'check-in', submission.checkIn) : null,
      capture: JSON.stringify(submission.capture),
      consentAt: submission.consentAt,
      operatorId: submission.operatorId,
      steps: JSON.stringify(submission.steps),
      state: submission.awaitsApproval ? ('awaiting_approval' as const) : ('queued' as const),
      due: submission.awaitsApproval ? null : now.getTime(),
      at,
    };
    const row = this.#biometrics.announcing(() =>
      this.#durably(() => {
        if (submission.replaces) this.#closeReplaced(submission.replaces, at);
        const inserted = this.#rows
          .prepare(
            `INSERT INTO submissions (id, operation, provider, state, fields, check_in, capture, consent_at, operator_id, steps,
           next_attempt_at, created_at, updated_at, short_reference)
         VALUES (@id, @operation, @provider, @state, @fields, @checkIn, @capture, @consentAt, @operatorId, @steps, @due, @at, @at, @shortReference)
         RETURNING *`,
          )
          .get({
            ...values,
            shortReference: freeShortReference(submission.referencePrefix ?? 'ST', (reference) => this.#rows.shortReferenceTaken(reference)),
          }) as SubmissionRow;
        const insertAsset = this.#rows.prepare('INSERT INTO submission_assets (submission_id, seq, kind, mime, bytes, data) VALUES (?, ?, ?, ?, ?, ?)');
        submission.assets.forEach((asset, seq) => insertAsset.run(id, seq, asset.kind, asset.mime, asset.bytes.length, sealedAssets[seq]));
        if (sealedFace) this.#faces.insert(id, submission.provider, sealedFace);
        this.#rows.history(id, at, values.state, submission.steps[0] ?? null, null);
        // The operator's enrollment in progress is this submission now: it goes in the same commit, so a crash keeps exactly one of them.
        if (submission.operation === 'enroll' && submission.operatorId !== null)
          this.#rows.prepare('DELETE FROM drafts WHERE operator_id = ?').run(submission.operatorId);
        return inserted;
      }),
    );
    // The fields are at hand: no need to open what was just sealed.
    return this.#rows.summary(row, submission.fields);
  }

  /** Lets go of the WAL file; call before the database closes. */
  close(): void {
    this.#wal.close();
  }

  summary(id: string): SubmissionSummary | null {
    return this.#rows.summaryOf(id);
  }

  requireSummary(id: string): SubmissionSummary {
    return this.#rows.requireSummary(id);
  }

  detail(id: string): SubmissionDetail {
    const row = this.#rows.row(id);
    if (!row) throw notFound(id);
    const assets = this.#rows.prepare('SELECT kind, mime, bytes FROM submission_assets WHERE submission_id = ? ORDER BY seq').all(id) as Array<{
      kind: AssetKind;
      mime: string;
      bytes: number;
    }>;
    const history = this.#rows.prepare('SELECT at, state, step, error FROM submission_history WHERE submission_id = ? ORDER BY id').all(id) as Array<{
      at: string;
      state: SubmissionState;
      step: string | null;
      error: string | null;
    }>;
    return {
      ...this.#rows.summary(row),
      fields: this.#rows.fields(row),
      capture: JSON.parse(row.capture) as CaptureMetadata,
      checkIn: this.#rows.checkIn(row),
      assets,
      consentAt: row.consent_at,
      history: history.map((entry) => ({ ...entry, error: this.#rows.openError(id, entry.error) })),
    };
  }

  list(query: ListQuery): { items: SubmissionSummary[]; total: number } {
    const states = query.states?.length ? query.states : SUBMISSION_STATES;
    const where = `(${states.map(whereState).join(' OR ')})`;
    const search = query.search?.toLocaleLowerCase();
    const referenceSearch = query.search ? normalizeReferenceSearch(query.search) : '';
    if (!search) {
      const counts = this.counts();
      const total = states.reduce((sum, state) => sum + counts[state], 0);
      const rows = this.#rows
        .prepare(`SELECT * FROM submissions WHERE ${where} ORDER BY created_at DESC, id LIMIT ? OFFSET ?`)
        .all(query.limit, query.offset) as SubmissionRow[];
      return { items: rows.map((row) => this.#rows.summary(row)), total };
    }
    // Labels are encrypted: a search filters the ids, references and labels in memory (each label opened
    // once, see SubmissionRows.labelOf), then reads whole rows for the one page it answers.
    const candidates = this.#rows.prepare(`SELECT id, short_reference FROM submissions WHERE ${where} ORDER BY created_at DESC, id`).all() as Array<
      Pick<SubmissionRow, 'id' | 'short_reference'>
    >;
    const fieldsOf = this.#rows.prepare('SELECT id, provider, fields FROM submissions WHERE id = ?');
    const matches = candidates.filter(
      (row) =>
        row.id.toLocaleLowerCase().includes(search) ||
        (referenceSearch !== '' && row.short_reference.replace('-', '').includes(referenceSearch)) ||
        (this.#rows.openLabel(row.id) ?? this.#rows.labelOf(fieldsOf.get(row.id) as Pick<SubmissionRow, 'id' | 'fields' | 'provider'>))
          .toLocaleLowerCase()
          .includes(search),
    );
    const page = matches.slice(query.offset, query.offset + query.limit).map((match) => this.#rows.summary(this.#rows.row(match.id) as SubmissionRow));
    return { items: page, total: matches.length };
  }

  counts(): QueueCounts {
    const counts = Object.fromEntries(SUBMISSION_STATES.map((state) => [state, 0])) as QueueCounts;
    // Kept by triggers (migration 5): a count of the table would read every submission ever kept.
    const rows = this.#rows.prepare('SELECT state, n FROM submission_counts').all() as Array<{ state: SubmissionState; n: number }>;
    for (const row of rows) counts[row.state] = row.n;
    // Few rows wait for a person; the index on state finds them without reading the rest.
    const unknown = (this.#rows.prepare(`SELECT COUNT(*) AS n FROM submissions WHERE ${IS_OUTCOME_UNKNOWN}`).get() as { n: number }).n;
    counts.outcome_unknown = unknown;
    counts.needs_attention -= unknown;
    const handedOver = (this.#rows.prepare(`SELECT COUNT(*) AS n FROM submissions WHERE handed_over_at IS NOT NULL`).get() as { n: number }).n;
    counts.handed_over = handedOver;
    counts.discarded -= handedOver;
    return counts;
  }

  /** Sends a waiting or refused submission again now, from the step it stopped at. */
  retry(id: string): SubmissionSummary {
    const now = this.clock.now();
    const at = now.toISOString();
    this.db.transaction(() => {
      const row = this.#rows.row(id);
      if (!row) throw notFound(id);
      const state = answeredState(row);
      if (state === 'outcome_unknown') {
        throw new StationFailure('queue_outcome_unknown', 'The provider may already have this submission; a supervisor decides whether to send it again.');
      }
      if (state !== 'retry_wait' && state !== 'needs_attention') {
        throw new StationFailure('queue_not_retryable', `A ${state} submission cannot be retried.`, { state });
      }
      if (row.error !== null && (JSON.parse(row.error) as { code?: string }).code === APPROVAL_REJECTED_CODE) {
        throw new StationFailure('queue_rejected_needs_recapture', 'A supervisor returned this enrollment: take it again, or a supervisor discards it.');
      }
      this.#rows
        .prepare(`UPDATE submissions SET state = 'queued', failures = 0, error = NULL, next_attempt_at = ?, updated_at = ? WHERE id = ?`)
        .run(now.getTime(), at, id);
      this.#rows.history(id, at, 'queued', stepName(row.steps, row.step_index), null);
    })();
    return this.requireSummary(id);
  }

  /** A supervisor approves an enrollment held for approval: it is due now, at its first step. */
  approve(id: string): SubmissionSummary {
    const now = this.clock.now();
    const at = now.toISOString();
    this.db.transaction(() => {
      const row = this.#awaitingApproval(id);
      this.#rows.prepare(`UPDATE submissions SET state = 'queued', next_attempt_at = ?, updated_at = ? WHERE id = ?`).run(now.getTime(), at, id);
      this.#rows.history(id, at, 'queued', stepName(row.steps, row.step_index), null);
    })();
    return this.requireSummary(id);
  }

  /** A supervisor returns an enrollment held for approval to the clerk: it needs attention, with the reason as its words. */
  reject(id: string, reason: string): SubmissionSummary {
    const at = this.clock.now().toISOString();
    const error: SubmissionError = { class: 'needs_attention', code: APPROVAL_REJECTED_CODE, httpStatus: null, detail: reason };
    this.db.transaction(() => {
      const row = this.#awaitingApproval(id);
      this.#rows
        .prepare(`UPDATE submissions SET state = 'needs_attention', error = ?, updated_at = ? WHERE id = ?`)
        .run(this.#rows.sealError(id, error), at, id);
      this.#rows.history(id, at, 'needs_attention', stepName(row.steps, row.step_index), error);
    })();
    return this.requireSummary(id);
  }

  /**
   * A supervisor's decision on a submission whose outcome is unknown: `send_again` queues it at the
   * step it stopped at (the provider may then hold it twice), `mark_delivered` closes it as done
   * without a verdict. A discard goes through discard().
   */
  resolveOutcome(id: string, decision: Exclude<OutcomeDecision, 'discard'>): SubmissionSummary {
    const now = this.clock.now();
    const at = now.toISOString();
    this.#durably(() => {
      const row = this.#rows.row(id);
      if (!row) throw notFound(id);
      if (answeredState(row) !== 'outcome_unknown') {
        throw new StationFailure('queue_outcome_known', `A ${answeredState(row)} submission has no unknown outcome to resolve.`, { state: answeredState(row) });
      }
      if (decision === 'send_again') {
        this.#rows
          .prepare(`UPDATE submissions SET state = 'queued', failures = 0, error = NULL, next_attempt_at = ?, updated_at = ? WHERE id = ?`)
          .run(now.getTime(), at, id);
        this.#rows.history(id, at, 'queued', stepName(row.steps, row.step_index), null);
      } else {
        this.#rows
          .prepare(
            `UPDATE submissions SET state = 'done', outcome = NULL, error = NULL, step_state = NULL, next_attempt_at = NULL,
             done_at = @at, updated_at = @at WHERE id = @id`,
          )
          .run({ id, at });
        this.#rows.history(id, at, 'done', null, null);
      }
    });
    return this.requireSummary(id);
  }

  /** Closes a submission for good; its biometrics go at once, its metadata stays for the audit trail. */
  discard(id: string, reason: string): SubmissionSummary {
    const at = this.clock.now().toISOString();
    this.#biometrics.announcing(() => this.#durably(() => this.#discard(id, reason, at)));
    return this.requireSummary(id);
  }

  /**
   * Deletes the assets and the identity fields (and the check-in) of delivered submissions done at
   * or before `doneBefore` (all of them when null). Returns the submissions that lost them.
   */
  deleteDeliveredAssets(doneBefore: Date | null): string[] {
    return this.#biometrics.deleteDelivered(doneBefore, this.clock.now().toISOString());
  }

  /** The enrollments' faces still kept (with their photos), opened. */
  keptFaces(): KeptFace[] {
    return this.#faces.kept();
  }

  onFacesForgotten(listener: (submissionIds: readonly string[]) => void): void {
    this.#biometrics.onFacesForgotten(listener);
  }

  reclaimSpace(): void {
    this.#biometrics.reclaimSpace();
  }

  // The sync engine's part: the step log (see StepLog).

  recoverInterrupted(holdsUnknownOutcome: (provider: ProviderId, step: string) => boolean): string[] {
    return this.#steps.recoverInterrupted(holdsUnknownOutcome);
  }

  requeue(id: string): void {
    this.#steps.requeue(id);
  }

  withdrawAttempt(attempt: StepAttempt): void {
    this.#steps.withdrawAttempt(attempt);
  }

  expediteUnanswered(nowMs: number): number {
    return this.#steps.expediteUnanswered(nowMs);
  }

  waitsForAnAnswer(provider: ProviderId, nowMs: number): boolean {
    return this.#steps.waitsForAnAnswer(provider, nowMs);
  }

  due(provider: ProviderId, nowMs: number, limit: number, skip: ReadonlySet<string>): string[] {
    return this.#steps.due(provider, nowMs, limit, skip);
  }

  nextDueAt(provider: ProviderId): number | null {
    return this.#steps.nextDueAt(provider);
  }

  loadForSync(id: string): SyncRecord | null {
    return this.#steps.loadForSync(id);
  }

  assets(id: string, kind: AssetKind): Array<{ mime: string; bytes: Buffer }> {
    return this.#steps.assets(id, kind);
  }

  beginAttempt(id: string): Promise<StepAttempt> {
    return this.#steps.beginAttempt(id);
  }

  /** One attempt's outcome, committed alone; answers the submission as it is now. */
  finishAttempt(attempt: StepAttempt, outcome: AttemptOutcome, httpStatus: number | null, transition: Transition): SubmissionSummary {
    return this.finishAttempts([{ attempt, outcome, httpStatus, transition }])[0] as SubmissionSummary;
  }

  finishAttempts(finished: readonly FinishedAttempt[]): SubmissionSummary[] {
    return this.#steps.finishAttempts(finished);
  }

  reportRows(states: readonly SubmissionState[] | undefined): ReportRow[] {
    const chosen = states?.length ? states : SUBMISSION_STATES;
    const rows = this.#rows.prepare(`SELECT * FROM submissions WHERE ${chosen.map(whereState).join(' OR ')} ORDER BY created_at, id`).all() as SubmissionRow[];
    return rows.map((row) => ({
      id: row.id,
      shortReference: row.short_reference,
      operation: row.operation,
      provider: row.provider,
      state: answeredState(row),
      step: FINAL_STATES.includes(row.state) ? null : stepName(row.steps, row.step_index),
      attempts: row.attempts,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      doneAt: row.done_at,
      operatorId: row.operator_id,
      error: this.#rows.openError(row.id, row.error),
      outcome: this.#rows.openOutcome(row.id, row.outcome),
      discardReason: row.discard_reason,
      assetsDeletedAt: row.assets_deleted_at,
    }));
  }

  #awaitingApproval(id: string): SubmissionRow {
    const row = this.#rows.row(id);
    if (!row) throw notFound(id);
    if (row.state !== 'awaiting_approval') {
      throw new StationFailure('queue_not_awaiting_approval', 'This submission is not waiting for approval.', { state: answeredState(row) });
    }
    return row;
  }

  #closeReplaced(replaced: string, at: string): void {
    const row = this.#rows.row(replaced);
    if (!row || row.state !== 'needs_attention') {
      throw new StationFailure('queue_replace_invalid', 'Only a submission that needs attention can be replaced by a new capture.', {
        id: replaced,
        state: row?.state ?? 'missing',
      });
    }
    this.#discard(replaced, 'recaptured', at);
  }

  #discard(id: string, reason: string, at: string): void {
    const row = this.#rows.row(id);
    if (!row) throw notFound(id);
    if (FINAL_STATES.includes(row.state)) {
      throw new StationFailure('queue_not_discardable', `A ${row.state} submission cannot be discarded.`, { state: row.state });
    }
    this.#rows
      .prepare(`UPDATE submissions SET state = 'discarded', discard_reason = ?, step_state = NULL, next_attempt_at = NULL, updated_at = ? WHERE id = ?`)
      .run(reason, at, id);
    this.#rows.history(id, at, 'discarded', null, null);
    this.#biometrics.deleteAssets(id, at);
  }
}
