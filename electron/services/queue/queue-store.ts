import type { Database, Statement } from 'better-sqlite3';
import {
  SUBMISSION_STATES,
  type AssetKind,
  type CaptureMetadata,
  type CheckIn,
  type CheckInResult,
  type OutcomeDecision,
  type SubmissionDetail,
  type SubmissionError,
  type SubmissionOutcome,
  type SubmissionState,
  type SubmissionSummary,
} from '../../../shared/contract/queue.js';
import { StationFailure } from '../../../shared/contract/result.js';
import type { Operation } from '../../../shared/providers/declaration.js';
import type { ProviderId } from '../../../shared/providers/ids.js';
import { PROVIDERS } from '../../../shared/providers/index.js';
import { APPROVAL_REJECTED_CODE } from '../../../shared/recovery.js';
import type { Clock } from '../clock.js';
import { FaceDescriptorTable, type FaceToKeep, type KeptFace } from '../duplicates/face-descriptor-table.js';
import { fileSyncer, WalFlusher, type FileSyncer } from '../store/wal-flush.js';
import { OUTCOME_UNKNOWN_CODE, type AttemptOutcome, type StepAttempt, type StepState, type SyncRecord, type Transition } from '../sync-steps.js';
import type { Vault } from '../vault/vault.js';
import { newShortReference, normalizeReferenceSearch } from './short-reference.js';
import type { ValidatedSubmission } from './submission-validation.js';

export type QueueCounts = Record<SubmissionState, number>;

/** States the sync engine picks work from (when their time has come). */
export const RUNNABLE_STATES: readonly SubmissionState[] = ['queued', 'retry_wait', 'awaiting_result'];

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

/**
 * A waiting submission as it leaves on a hand-carry file: all the receiving station needs to send
 * it from where it stands, opened from this station's vault (the file seals it again).
 */
export interface CarriedSubmission {
  readonly id: string;
  readonly shortReference: string;
  readonly operation: Operation;
  readonly provider: ProviderId;
  readonly fields: Readonly<Record<string, string>>;
  readonly checkIn: CheckIn | null;
  readonly capture: CaptureMetadata;
  readonly consentAt: string;
  readonly createdAt: string;
  readonly steps: readonly string[];
  readonly stepIndex: number;
  readonly stepState: StepState | null;
  /** An attempt of the current step got no answer: the receiving station reconciles (or holds it) before sending it again. */
  readonly stepMayHaveArrived: boolean;
  readonly assets: ReadonlyArray<{ readonly kind: AssetKind; readonly mime: string; readonly bytes: Buffer }>;
}

export interface ListQuery {
  readonly states?: readonly SubmissionState[];
  readonly search?: string;
  readonly limit: number;
  readonly offset: number;
}

interface SubmissionRow {
  id: string;
  operation: Operation;
  provider: ProviderId;
  state: SubmissionState;
  fields: Buffer;
  check_in: Buffer | null;
  capture: string;
  consent_at: string;
  operator_id: string | null;
  steps: string;
  step_index: number;
  step_state: Buffer | null;
  attempts: number;
  failures: number;
  next_attempt_at: number | null;
  error: string | null;
  outcome: string | null;
  discard_reason: string | null;
  created_at: string;
  updated_at: string;
  done_at: string | null;
  short_reference: string;
  assets_deleted_at: string | null;
  handed_over_at: string | null;
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

const FINAL_STATES: readonly SubmissionState[] = ['done', 'discarded'];

const IS_OUTCOME_UNKNOWN = `(state = 'needs_attention' AND json_extract(error, '$.code') = '${OUTCOME_UNKNOWN_CODE}')`;
const IS_NEEDS_ATTENTION = `(state = 'needs_attention' AND COALESCE(json_extract(error, '$.code'), '') <> '${OUTCOME_UNKNOWN_CODE}')`;

/** handed_over is kept as discarded with the time it left (migration 10): final, never due, its biometrics gone. */
const IS_HANDED_OVER = `(state = 'discarded' AND handed_over_at IS NOT NULL)`;
const IS_DISCARDED = `(state = 'discarded' AND handed_over_at IS NULL)`;

/** The SQL that picks the rows of one state as the store answers it. */
function whereState(state: SubmissionState): string {
  switch (state) {
    case 'outcome_unknown':
      return IS_OUTCOME_UNKNOWN;
    case 'needs_attention':
      return IS_NEEDS_ATTENTION;
    case 'handed_over':
      return IS_HANDED_OVER;
    case 'discarded':
      return IS_DISCARDED;
    default:
      return `state = '${state}'`;
  }
}

/** The state as the store answers it: needs_attention with the outcome-unknown code is outcome_unknown, discarded with a hand-over time is handed_over. */
function answeredState(row: { state: SubmissionState; error: string | null; handed_over_at: string | null }): SubmissionState {
  if (row.state === 'discarded' && row.handed_over_at !== null) return 'handed_over';
  if (row.state !== 'needs_attention' || row.error === null) return row.state;
  return (JSON.parse(row.error) as { code?: string }).code === OUTCOME_UNKNOWN_CODE ? 'outcome_unknown' : row.state;
}
/**
 * In retry_wait, due after the given time, because the last attempt got no HTTP answer at all. The
 * runnable-states term lets SQLite read the partial index submissions_due instead of every row.
 */
const WAITING_FOR_AN_ANSWER = `state IN ('queued', 'retry_wait', 'awaiting_result') AND state = 'retry_wait' AND next_attempt_at > ?
  AND COALESCE(json_extract(error, '$.httpStatus'), 0) = 0`;
const ASSETS_GONE = `UPDATE submissions SET assets_deleted_at = @at WHERE id = @id`;

/**
 * The durable queue: submissions, their encrypted assets, the step attempt log and the
 * state history, in the station database. Every change is one transaction, so a crash
 * leaves a submission exactly at its last committed step.
 */
export class QueueStore {
  readonly #statements = new Map<string, Statement>();
  /**
   * Each submission's label, opened once: the queue list shows it and a search filters by it (a
   * search that decrypted every row took 280 ms over 10,000 submissions). Forgotten with the fields.
   */
  readonly #labels = new Map<string, string>();
  /** The connection's everyday synchronous level, restored after each fsynced transaction. */
  readonly #relaxedSync: number;
  readonly #wal: WalFlusher;
  readonly #faces: FaceDescriptorTable;
  /** Submissions whose photos (and face) the running transaction deletes; announced once it commits. */
  #forgotten: string[] = [];
  readonly #forgetListeners: Array<(submissionIds: readonly string[]) => void> = [];

  constructor(
    private readonly db: Database,
    private readonly vault: Vault,
    private readonly clock: Clock,
    openSyncer: (file: string) => FileSyncer = fileSyncer,
  ) {
    this.#relaxedSync = db.pragma('synchronous', { simple: true }) as number;
    this.#wal = new WalFlusher(db, openSyncer);
    this.#faces = new FaceDescriptorTable(db, vault);
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
    const row = this.#forgetting(() => this.#durably(() => {
      if (submission.replaces) this.#closeReplaced(submission.replaces, at);
      const inserted = this.#prepare(
        `INSERT INTO submissions (id, operation, provider, state, fields, check_in, capture, consent_at, operator_id, steps,
           next_attempt_at, created_at, updated_at, short_reference)
         VALUES (@id, @operation, @provider, @state, @fields, @checkIn, @capture, @consentAt, @operatorId, @steps, @due, @at, @at, @shortReference)
         RETURNING *`,
      ).get({ ...values, shortReference: this.#freeShortReference(submission.referencePrefix ?? 'ST') }) as SubmissionRow;
      const insertAsset = this.#prepare(
        'INSERT INTO submission_assets (submission_id, seq, kind, mime, bytes, data) VALUES (?, ?, ?, ?, ?, ?)',
      );
      submission.assets.forEach((asset, seq) => insertAsset.run(id, seq, asset.kind, asset.mime, asset.bytes.length, sealedAssets[seq]));
      if (sealedFace) this.#faces.insert(id, submission.provider, sealedFace);
      this.#history(id, at, values.state, submission.steps[0] ?? null, null);
      // The operator's enrollment in progress is this submission now: it goes in the same commit, so a crash keeps exactly one of them.
      if (submission.operation === 'enroll' && submission.operatorId !== null) this.#prepare('DELETE FROM drafts WHERE operator_id = ?').run(submission.operatorId);
      return inserted;
    }));
    // The fields are at hand: no need to open what was just sealed.
    return this.#summary(row, submission.fields);
  }

  /**
   * What a hand-over carries: queued or waiting to retry, so nothing is on the wire (those the engine
   * works on, `skip`, stay too). Read and marked (markHandedOver) in one synchronous stretch
   * by the caller, so the engine cannot start one in between.
   */
  handoverCandidates(skip: (id: string) => boolean): CarriedSubmission[] {
    const rows = this.#prepare(`SELECT * FROM submissions WHERE state IN ('queued', 'retry_wait') ORDER BY created_at, rowid`).all() as SubmissionRow[];
    const inFlight = this.#prepare(
      `SELECT 1 FROM submission_steps WHERE submission_id = ? AND step_index = ? AND (outcome IS NULL OR outcome = 'lost') LIMIT 1`,
    );
    const assets = this.#prepare('SELECT seq, kind, mime, data FROM submission_assets WHERE submission_id = ? ORDER BY seq');
    return rows
      .filter((row) => !skip(row.id))
      .map((row) => ({
        id: row.id,
        shortReference: row.short_reference,
        operation: row.operation,
        provider: row.provider,
        fields: this.#fields(row),
        checkIn: row.check_in ? (this.vault.openJson(row.id, 'check-in', row.check_in) as CheckIn) : null,
        capture: JSON.parse(row.capture) as CaptureMetadata,
        consentAt: row.consent_at,
        createdAt: row.created_at,
        steps: JSON.parse(row.steps) as string[],
        stepIndex: row.step_index,
        stepState: row.step_state ? (this.vault.openJson(row.id, 'step-state', row.step_state) as StepState) : null,
        stepMayHaveArrived: inFlight.get(row.id, row.step_index) !== undefined,
        assets: (assets.all(row.id) as Array<{ seq: number; kind: AssetKind; mime: string; data: Buffer }>).map((asset) => ({
          kind: asset.kind,
          mime: asset.mime,
          bytes: this.vault.open(row.id, `asset:${asset.seq}`, asset.data),
        })),
      }));
  }

  /**
   * Closes carried submissions for good here: handed_over, never due again, their photos, fields
   * and check-in deleted (the file holds them now). Durable before it returns. Refuses, changing
   * nothing, if one of them is no longer waiting.
   */
  markHandedOver(ids: readonly string[]): void {
    const at = this.clock.now().toISOString();
    this.#durably(() => {
      for (const id of ids) {
        const row = this.#row(id);
        if (row?.state !== 'queued' && row?.state !== 'retry_wait') throw new Error(`Submission ${id} is no longer waiting; nothing was handed over.`);
        this.#prepare(
          `UPDATE submissions SET state = 'discarded', handed_over_at = @at, fields = x'', check_in = NULL, step_state = NULL,
             next_attempt_at = NULL, updated_at = @at WHERE id = @id`,
        ).run({ id, at });
        this.#history(id, at, 'handed_over', null, null);
        this.#deleteAssets(id, at);
        // The person's name went with the fields: the list shows the id from now on.
        this.#labels.delete(id);
      }
    });
  }

  /**
   * Queues submissions carried from another station, sealed under this station's vault, at the
   * step they had reached. One this station already has is skipped, unless it is one it handed over
   * itself and that now comes back: then it waits here again. Durable before it returns.
   */
  importCarried(items: readonly CarriedSubmission[], referencePrefix: string): { added: string[]; alreadyHere: string[] } {
    const now = this.clock.now();
    const at = now.toISOString();
    const added: string[] = [];
    const alreadyHere: string[] = [];
    this.#durably(() => {
      for (const item of items) {
        const existing = this.#row(item.id);
        if (existing && existing.handed_over_at === null) {
          alreadyHere.push(item.id);
          continue;
        }
        const values = {
          id: item.id,
          operation: item.operation,
          provider: item.provider,
          fields: this.vault.sealJson(item.id, 'fields', item.fields),
          checkIn: item.checkIn ? this.vault.sealJson(item.id, 'check-in', item.checkIn) : null,
          capture: JSON.stringify(item.capture),
          consentAt: item.consentAt,
          steps: JSON.stringify(item.steps),
          stepIndex: item.stepIndex,
          stepState: item.stepState ? this.vault.sealJson(item.id, 'step-state', item.stepState) : null,
          due: now.getTime(),
          createdAt: item.createdAt,
          at,
        };
        if (existing) {
          this.#prepare(
            `UPDATE submissions SET state = 'queued', handed_over_at = NULL, assets_deleted_at = NULL, fields = @fields, check_in = @checkIn,
               steps = @steps, step_index = @stepIndex, step_state = @stepState, failures = 0, error = NULL, next_attempt_at = @due, updated_at = @at
             WHERE id = @id`,
          ).run(values);
        } else {
          const taken = this.#prepare('SELECT 1 FROM submissions WHERE short_reference = ?').get(item.shortReference) !== undefined;
          this.#prepare(
            `INSERT INTO submissions (id, operation, provider, state, fields, check_in, capture, consent_at, operator_id, steps, step_index, step_state,
               next_attempt_at, created_at, updated_at, short_reference)
             VALUES (@id, @operation, @provider, 'queued', @fields, @checkIn, @capture, @consentAt, NULL, @steps, @stepIndex, @stepState, @due, @createdAt, @at, @shortReference)`,
          ).run({ ...values, shortReference: taken ? this.#freeShortReference(referencePrefix) : item.shortReference });
        }
        const insertAsset = this.#prepare('INSERT INTO submission_assets (submission_id, seq, kind, mime, bytes, data) VALUES (?, ?, ?, ?, ?, ?)');
        item.assets.forEach((asset, seq) =>
          insertAsset.run(item.id, seq, asset.kind, asset.mime, asset.bytes.length, this.vault.seal(item.id, `asset:${seq}`, asset.bytes)),
        );
        const step = item.steps[item.stepIndex] ?? null;
        // The exporting station's attempt may have reached the provider: this station's next one reads it as in flight and reconciles.
        if (item.stepMayHaveArrived && step !== null) {
          this.#prepare(`INSERT INTO submission_steps (submission_id, step_index, step, started_at, finished_at, outcome) VALUES (?, ?, ?, ?, ?, 'lost')`)
            .run(item.id, item.stepIndex, step, at, at);
        }
        this.#history(item.id, at, 'queued', step, null);
        added.push(item.id);
      }
    });
    return { added, alreadyHere };
  }

  /** Lets go of the WAL file; call before the database closes. */
  close(): void {
    this.#wal.close();
  }

  summary(id: string): SubmissionSummary | null {
    const row = this.#row(id);
    return row ? this.#summary(row) : null;
  }

  requireSummary(id: string): SubmissionSummary {
    const summary = this.summary(id);
    if (!summary) throw notFound(id);
    return summary;
  }

  detail(id: string): SubmissionDetail {
    const row = this.#row(id);
    if (!row) throw notFound(id);
    const assets = this.#prepare('SELECT kind, mime, bytes FROM submission_assets WHERE submission_id = ? ORDER BY seq')
      .all(id) as Array<{ kind: AssetKind; mime: string; bytes: number }>;
    const history = this.#prepare('SELECT at, state, step, error FROM submission_history WHERE submission_id = ? ORDER BY id')
      .all(id) as Array<{ at: string; state: SubmissionState; step: string | null; error: string | null }>;
    return {
      ...this.#summary(row),
      fields: this.#fields(row),
      capture: JSON.parse(row.capture) as CaptureMetadata,
      checkIn: row.check_in ? (this.vault.openJson(id, 'check-in', row.check_in) as CheckIn) : null,
      assets,
      consentAt: row.consent_at,
      history: history.map((entry) => ({ ...entry, error: this.#openError(id, entry.error) })),
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
      const rows = this.#prepare(`SELECT * FROM submissions WHERE ${where} ORDER BY created_at DESC, id LIMIT ? OFFSET ?`)
        .all(query.limit, query.offset) as SubmissionRow[];
      return { items: rows.map((row) => this.#summary(row)), total };
    }
    // Labels are encrypted: a search filters the ids, references and labels in memory (each label opened
    // once, see #labels), then reads whole rows for the one page it answers.
    const candidates = this.#prepare(`SELECT id, short_reference FROM submissions WHERE ${where} ORDER BY created_at DESC, id`).all() as Array<
      Pick<SubmissionRow, 'id' | 'short_reference'>
    >;
    const fieldsOf = this.#prepare('SELECT id, provider, fields FROM submissions WHERE id = ?');
    const matches = candidates.filter(
      (row) =>
        row.id.toLocaleLowerCase().includes(search) ||
        (referenceSearch !== '' && row.short_reference.replace('-', '').includes(referenceSearch)) ||
        (this.#labels.get(row.id) ?? this.#labelOf(fieldsOf.get(row.id) as Pick<SubmissionRow, 'id' | 'fields' | 'provider'>)).toLocaleLowerCase().includes(search),
    );
    const page = matches.slice(query.offset, query.offset + query.limit).map((match) => this.#summary(this.#row(match.id) as SubmissionRow));
    return { items: page, total: matches.length };
  }

  counts(): QueueCounts {
    const counts = Object.fromEntries(SUBMISSION_STATES.map((state) => [state, 0])) as QueueCounts;
    // Kept by triggers (migration 5): a count of the table would read every submission ever kept.
    const rows = this.#prepare('SELECT state, n FROM submission_counts').all() as Array<{ state: SubmissionState; n: number }>;
    for (const row of rows) counts[row.state] = row.n;
    // Few rows wait for a person; the index on state finds them without reading the rest.
    const unknown = (this.#prepare(`SELECT COUNT(*) AS n FROM submissions WHERE ${IS_OUTCOME_UNKNOWN}`).get() as { n: number }).n;
    counts.outcome_unknown = unknown;
    counts.needs_attention -= unknown;
    const handedOver = (this.#prepare(`SELECT COUNT(*) AS n FROM submissions WHERE handed_over_at IS NOT NULL`).get() as { n: number }).n;
    counts.handed_over = handedOver;
    counts.discarded -= handedOver;
    return counts;
  }

  /**
   * After a crash or a kill: whatever was being sent goes back to queued at the step it had
   * reached (or, for a step that cannot be safely repeated, to outcome_unknown), and a poll that
   * was running becomes due again. Its open attempt stays in the log.
   */
  recoverInterrupted(holdsUnknownOutcome: (provider: ProviderId, step: string) => boolean): string[] {
    return this.db.transaction(() => {
      const rows = this.#prepare(`SELECT * FROM submissions WHERE state = 'sending'`).all() as SubmissionRow[];
      const at = this.clock.now().toISOString();
      for (const row of rows) {
        const step = stepName(row.steps, row.step_index);
        // Its request may have left before the crash: a step that cannot be repeated waits for a supervisor.
        if (step !== null && holdsUnknownOutcome(row.provider, step)) {
          const cause: SubmissionError = { class: 'transient', code: 'sync_interrupted', httpStatus: null, detail: 'The station stopped while this step was being sent.' };
          this.#holdOutcomeUnknown(row, cause, at);
        } else this.#requeue(row.id);
      }
      const ids = rows.map((row) => row.id);
      this.#prepare(`UPDATE submissions SET next_attempt_at = ? WHERE state = 'awaiting_result' AND next_attempt_at IS NULL`)
        .run(this.clock.now().getTime());
      return ids;
    })();
  }

  /** One submission the engine stopped working on between steps (the provider was unconfigured meanwhile). */
  requeue(id: string): void {
    this.db.transaction(() => this.#requeue(id))();
  }

  /**
   * A started step that never went on the wire (its provider was paused meanwhile): its attempt is
   * closed as failed, since nothing can have been applied, and the submission is due again at that step.
   */
  withdrawAttempt(attempt: StepAttempt): void {
    const now = this.clock.now();
    this.db.transaction(() => {
      this.#prepare('UPDATE submission_steps SET finished_at = ?, outcome = ? WHERE id = ?').run(now.toISOString(), 'failed', attempt.attemptId);
      this.#requeue(attempt.submissionId);
      // A poll keeps awaiting_result while it runs; it only needs its due time back.
      this.#prepare(`UPDATE submissions SET next_attempt_at = ? WHERE id = ? AND state = 'awaiting_result'`).run(now.getTime(), attempt.submissionId);
    })();
  }

  /**
   * The network is back: submissions waiting only because no answer came (no HTTP status) are due
   * now instead of at the end of their backoff. A provider's own 5xx or Retry-After keeps its schedule.
   */
  expediteUnanswered(nowMs: number): number {
    return this.#prepare(`UPDATE submissions SET next_attempt_at = ? WHERE ${WAITING_FOR_AN_ANSWER}`).run(nowMs, nowMs).changes;
  }

  /** Whether some submission of this provider waits, past now, only because no answer came. */
  waitsForAnAnswer(provider: ProviderId, nowMs: number): boolean {
    return this.#prepare(`SELECT 1 FROM submissions WHERE ${WAITING_FOR_AN_ANSWER} AND provider = ? LIMIT 1`).get(nowMs, provider) !== undefined;
  }

  /** Ids whose time has come for one provider, verifications first (a person is waiting at the desk), then longest due. */
  due(provider: ProviderId, nowMs: number, limit: number, skip: ReadonlySet<string>): string[] {
    // Each query is an ordered scan of a partial index (migration 4); ties go in enqueue order.
    const runnable = `state IN ('queued', 'retry_wait', 'awaiting_result') AND provider = ? AND next_attempt_at <= ?`;
    const enough = limit + skip.size;
    const verifications = this.#prepare(`SELECT id FROM submissions WHERE ${runnable} AND operation = 'verify' ORDER BY next_attempt_at, rowid LIMIT ?`)
      .all(provider, nowMs, enough) as Array<{ id: string }>;
    const all = this.#prepare(`SELECT id FROM submissions WHERE ${runnable} ORDER BY next_attempt_at, rowid LIMIT ?`)
      .all(provider, nowMs, enough + verifications.length) as Array<{ id: string }>;
    const ids = new Set([...verifications, ...all].map((row) => row.id));
    return [...ids].filter((id) => !skip.has(id)).slice(0, limit);
  }

  /** When the next submission of this provider becomes due (ms since epoch), if any waits. */
  nextDueAt(provider: ProviderId): number | null {
    const row = this.#prepare(`SELECT MIN(next_attempt_at) AS at FROM submissions WHERE state IN ('queued', 'retry_wait', 'awaiting_result') AND provider = ?`)
      .get(provider) as { at: number | null };
    return row.at;
  }

  loadForSync(id: string): SyncRecord | null {
    const row = this.#row(id);
    if (!row) return null;
    return {
      id,
      operation: row.operation,
      provider: row.provider,
      state: row.state,
      steps: JSON.parse(row.steps) as string[],
      stepIndex: row.step_index,
      stepState: row.step_state ? (this.vault.openJson(id, 'step-state', row.step_state) as StepState) : {},
      failures: row.failures,
      fields: this.#fields(row),
      checkIn: row.check_in ? (this.vault.openJson(id, 'check-in', row.check_in) as CheckIn) : null,
    };
  }

  assets(id: string, kind: AssetKind): Array<{ mime: string; bytes: Buffer }> {
    const rows = this.#prepare('SELECT seq, mime, data FROM submission_assets WHERE submission_id = ? AND kind = ? ORDER BY seq')
      .all(id, kind) as Array<{ seq: number; mime: string; data: Buffer }>;
    return rows.map((row) => ({ mime: row.mime, bytes: this.vault.open(id, `asset:${row.seq}`, row.data) }));
  }

  /**
   * Commits "this step is about to be sent" and resolves once that commit is on disk, before the
   * request leaves: a power cut cannot forget a request that may have been applied. The fsync runs
   * off the event loop and is shared by the attempts that start meanwhile. A poll keeps its
   * awaiting_result state (a read, nothing on the wire that could be applied twice).
   */
  async beginAttempt(id: string): Promise<StepAttempt> {
    const attempt = this.db.transaction(() => this.#begin(id, this.clock.now().toISOString()))();
    await this.#wal.flush();
    return attempt;
  }

  /** Commits what one attempt achieved and where the submission goes next, in one transaction; answers the submission as it is now. */
  finishAttempt(attempt: StepAttempt, outcome: AttemptOutcome, httpStatus: number | null, transition: Transition): SubmissionSummary {
    const now = this.clock.now();
    const at = now.toISOString();
    const id = attempt.submissionId;
    this.db.transaction(() => {
      this.#prepare('UPDATE submission_steps SET finished_at = ?, outcome = ?, http_status = ? WHERE id = ?')
        .run(at, outcome, httpStatus, attempt.attemptId);
      const row = this.#row(id);
      if (!row) throw notFound(id);
      const base = { id, at };
      switch (transition.kind) {
        case 'next_step': {
          const stepIndex = row.step_index + 1;
          this.#prepare(
            `UPDATE submissions SET state = 'sending', step_index = @stepIndex, step_state = @stepState, failures = 0, error = NULL,
               updated_at = @at WHERE id = @id`,
          ).run({ ...base, stepIndex, stepState: this.vault.sealJson(id, 'step-state', transition.stepState) });
          this.#history(id, at, 'sending', stepName(row.steps, stepIndex), null);
          break;
        }
        case 'poll':
          this.#prepare(
            `UPDATE submissions SET state = 'awaiting_result', step_state = @stepState, failures = 0, error = NULL,
               next_attempt_at = @due, updated_at = @at WHERE id = @id`,
          ).run({ ...base, due: transition.nextAttemptAt, stepState: this.vault.sealJson(id, 'step-state', transition.stepState) });
          if (row.state !== 'awaiting_result') this.#history(id, at, 'awaiting_result', stepName(row.steps, row.step_index), null);
          break;
        case 'done':
          this.#prepare(
            `UPDATE submissions SET state = 'done', outcome = @outcome, error = NULL, step_state = NULL, next_attempt_at = NULL,
               done_at = @at, updated_at = @at WHERE id = @id`,
          ).run({ ...base, outcome: transition.outcome ? this.#sealOutcome(id, transition.outcome) : null });
          this.#history(id, at, 'done', null, null);
          break;
        case 'retry_wait':
          this.#prepare(
            `UPDATE submissions SET state = 'retry_wait', failures = failures + 1, error = @error, next_attempt_at = @due,
               updated_at = @at WHERE id = @id`,
          ).run({ ...base, error: this.#sealError(id, transition.error), due: transition.nextAttemptAt });
          this.#history(id, at, 'retry_wait', stepName(row.steps, row.step_index), transition.error);
          break;
        case 'paused':
          this.#prepare(`UPDATE submissions SET state = 'queued', error = @error, next_attempt_at = @due, updated_at = @at WHERE id = @id`)
            .run({ ...base, error: this.#sealError(id, transition.error), due: now.getTime() });
          this.#history(id, at, 'queued', stepName(row.steps, row.step_index), transition.error);
          break;
        case 'needs_attention':
          this.#prepare(`UPDATE submissions SET state = 'needs_attention', error = @error, next_attempt_at = NULL, updated_at = @at WHERE id = @id`)
            .run({ ...base, error: this.#sealError(id, transition.error) });
          this.#history(id, at, 'needs_attention', stepName(row.steps, row.step_index), transition.error);
          break;
        case 'outcome_unknown':
          this.#holdOutcomeUnknown(row, transition.error, at);
          break;
      }
    })();
    return this.requireSummary(id);
  }

  /** Sends a waiting or refused submission again now, from the step it stopped at. */
  retry(id: string): SubmissionSummary {
    const now = this.clock.now();
    const at = now.toISOString();
    this.db.transaction(() => {
      const row = this.#row(id);
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
      this.#prepare(`UPDATE submissions SET state = 'queued', failures = 0, error = NULL, next_attempt_at = ?, updated_at = ? WHERE id = ?`)
        .run(now.getTime(), at, id);
      this.#history(id, at, 'queued', stepName(row.steps, row.step_index), null);
    })();
    return this.requireSummary(id);
  }

  /** A supervisor approves an enrollment held for approval: it is due now, at its first step. */
  approve(id: string): SubmissionSummary {
    const now = this.clock.now();
    const at = now.toISOString();
    this.db.transaction(() => {
      const row = this.#awaitingApproval(id);
      this.#prepare(`UPDATE submissions SET state = 'queued', next_attempt_at = ?, updated_at = ? WHERE id = ?`).run(now.getTime(), at, id);
      this.#history(id, at, 'queued', stepName(row.steps, row.step_index), null);
    })();
    return this.requireSummary(id);
  }

  /** A supervisor returns an enrollment held for approval to the clerk: it needs attention, with the reason as its words. */
  reject(id: string, reason: string): SubmissionSummary {
    const at = this.clock.now().toISOString();
    const error: SubmissionError = { class: 'needs_attention', code: APPROVAL_REJECTED_CODE, httpStatus: null, detail: reason };
    this.db.transaction(() => {
      const row = this.#awaitingApproval(id);
      this.#prepare(`UPDATE submissions SET state = 'needs_attention', error = ?, updated_at = ? WHERE id = ?`).run(this.#sealError(id, error), at, id);
      this.#history(id, at, 'needs_attention', stepName(row.steps, row.step_index), error);
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
      const row = this.#row(id);
      if (!row) throw notFound(id);
      if (answeredState(row) !== 'outcome_unknown') {
        throw new StationFailure('queue_outcome_known', `A ${answeredState(row)} submission has no unknown outcome to resolve.`, { state: answeredState(row) });
      }
      if (decision === 'send_again') {
        this.#prepare(`UPDATE submissions SET state = 'queued', failures = 0, error = NULL, next_attempt_at = ?, updated_at = ? WHERE id = ?`)
          .run(now.getTime(), at, id);
        this.#history(id, at, 'queued', stepName(row.steps, row.step_index), null);
      } else {
        this.#prepare(
          `UPDATE submissions SET state = 'done', outcome = NULL, error = NULL, step_state = NULL, next_attempt_at = NULL,
             done_at = @at, updated_at = @at WHERE id = @id`,
        ).run({ id, at });
        this.#history(id, at, 'done', null, null);
      }
    });
    return this.requireSummary(id);
  }

  /** Closes a submission for good; its biometrics go at once, its metadata stays for the audit trail. */
  discard(id: string, reason: string): SubmissionSummary {
    const at = this.clock.now().toISOString();
    this.#forgetting(() => this.#durably(() => this.#discard(id, reason, at)));
    return this.requireSummary(id);
  }

  /**
   * Deletes the assets and the identity fields (and the check-in) of delivered submissions done at
   * or before `doneBefore` (all of them when null): what identifies the person goes with the
   * photos. Returns the submissions that lost them.
   */
  deleteDeliveredAssets(doneBefore: Date | null): string[] {
    const at = this.clock.now().toISOString();
    return this.#forgetting(this.db.transaction(() => {
      // Reads only the partial index submissions_assets_kept (migration 6): delivered, photos kept.
      const rows = this.#prepare(
        `SELECT id FROM submissions WHERE state = 'done' AND assets_deleted_at IS NULL AND (@before IS NULL OR done_at <= @before)`,
      ).all({ before: doneBefore?.toISOString() ?? null }) as Array<{ id: string }>;
      const forgetPerson = this.#prepare(
        `UPDATE submissions SET fields = x'', check_in = NULL, outcome = json_remove(outcome, '$.sealedCheckIn') WHERE id = ?`,
      );
      for (const row of rows) {
        this.#deleteAssets(row.id, at);
        forgetPerson.run(row.id);
        this.#labels.delete(row.id);
      }
      return rows.map((row) => row.id);
    }));
  }

  /** The enrollments' faces still kept (with their photos), opened. */
  keptFaces(): KeptFace[] {
    return this.#faces.kept();
  }

  /** Called after every commit that deleted photos, with those submissions: their faces went with them. */
  onFacesForgotten(listener: (submissionIds: readonly string[]) => void): void {
    this.#forgetListeners.push(listener);
  }

  /** Gives freed pages back to the file system (deleted photos otherwise only become reusable space). */
  reclaimSpace(): void {
    this.db.pragma('incremental_vacuum');
    // The file shrinks at checkpoint; truncate the WAL so the old pages leave the disk too.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  reportRows(states: readonly SubmissionState[] | undefined): ReportRow[] {
    const chosen = states?.length ? states : SUBMISSION_STATES;
    const rows = this.#prepare(`SELECT * FROM submissions WHERE ${chosen.map(whereState).join(' OR ')} ORDER BY created_at, id`)
      .all() as SubmissionRow[];
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
      error: this.#openError(row.id, row.error),
      outcome: this.#openOutcome(row.id, row.outcome),
      discardReason: row.discard_reason,
      assetsDeletedAt: row.assets_deleted_at,
    }));
  }

  #begin(id: string, at: string): StepAttempt {
    const row = this.#row(id);
    // `sending`: the engine goes straight on to the next step of a submission it is already working on.
    if (!row || !(RUNNABLE_STATES.includes(row.state) || row.state === 'sending')) throw new Error(`Submission ${id} is not runnable.`);
    const step = stepName(row.steps, row.step_index);
    if (step === null) throw new Error(`Submission ${id} has no step ${row.step_index}.`);
    const inFlight = this.#prepare(
      `SELECT 1 FROM submission_steps WHERE submission_id = ? AND step_index = ? AND (outcome IS NULL OR outcome = 'lost') LIMIT 1`,
    ).get(id, row.step_index);
    const attemptId = Number(
      this.#prepare('INSERT INTO submission_steps (submission_id, step_index, step, started_at) VALUES (?, ?, ?, ?)')
        .run(id, row.step_index, step, at).lastInsertRowid,
    );
    const state: SubmissionState = row.state === 'awaiting_result' ? 'awaiting_result' : 'sending';
    // No due time while running: it is not due again until this attempt's outcome says when.
    const updated = this.#prepare('UPDATE submissions SET state = ?, attempts = attempts + 1, next_attempt_at = NULL, updated_at = ? WHERE id = ? RETURNING *')
      .get(state, at, id) as SubmissionRow;
    if (state !== row.state) this.#history(id, at, state, step, null);
    return { attemptId, submissionId: id, submission: this.#summary(updated), previousAttemptInFlight: inFlight !== undefined };
  }

  /**
   * A transaction fsynced before it returns (the connection otherwise commits without waiting for
   * the disk, which survives a crash but not a power cut). Used where the caller is answered at
   * once and a lost commit would cost a person: the enqueue and a discard. A step's start is made
   * durable by beginAttempt, off the event loop; a step's outcome is not: lost, its attempt reads
   * as in flight and the next one reconciles.
   */
  #durably<T>(work: () => T): T {
    this.#prepare('PRAGMA synchronous = FULL').run();
    try {
      return this.db.transaction(work)();
    } finally {
      this.#prepare(`PRAGMA synchronous = ${this.#relaxedSync}`).run();
    }
  }

  /** Statements are prepared once: on an enqueue, preparing costs as much as the inserts. */
  #prepare(sql: string): Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  #awaitingApproval(id: string): SubmissionRow {
    const row = this.#row(id);
    if (!row) throw notFound(id);
    if (row.state !== 'awaiting_approval') {
      throw new StationFailure('queue_not_awaiting_approval', 'This submission is not waiting for approval.', { state: answeredState(row) });
    }
    return row;
  }

  #closeReplaced(replaced: string, at: string): void {
    const row = this.#row(replaced);
    if (!row || row.state !== 'needs_attention') {
      throw new StationFailure('queue_replace_invalid', 'Only a submission that needs attention can be replaced by a new capture.', {
        id: replaced,
        state: row?.state ?? 'missing',
      });
    }
    this.#discard(replaced, 'recaptured', at);
  }

  #discard(id: string, reason: string, at: string): void {
    const row = this.#row(id);
    if (!row) throw notFound(id);
    if (FINAL_STATES.includes(row.state)) {
      throw new StationFailure('queue_not_discardable', `A ${row.state} submission cannot be discarded.`, { state: row.state });
    }
    this.#prepare(`UPDATE submissions SET state = 'discarded', discard_reason = ?, step_state = NULL, next_attempt_at = NULL, updated_at = ? WHERE id = ?`)
      .run(reason, at, id);
    this.#history(id, at, 'discarded', null, null);
    this.#deleteAssets(id, at);
  }

  #holdOutcomeUnknown(row: SubmissionRow, cause: SubmissionError, at: string): void {
    // The cause's code stays in the words, so support sees whether it was a timeout, a reset or a gateway.
    const error: SubmissionError = {
      class: 'transient',
      code: OUTCOME_UNKNOWN_CODE,
      httpStatus: cause.httpStatus,
      detail: cause.code === OUTCOME_UNKNOWN_CODE ? cause.detail : `${cause.code}${cause.detail ? `: ${cause.detail}` : ''}`,
    };
    this.#prepare(`UPDATE submissions SET state = 'needs_attention', error = @error, next_attempt_at = NULL, updated_at = @at WHERE id = @id`)
      .run({ id: row.id, at, error: this.#sealError(row.id, error) });
    this.#history(row.id, at, 'outcome_unknown', stepName(row.steps, row.step_index), error);
  }

  #requeue(id: string): void {
    const row = this.#row(id);
    if (row?.state !== 'sending') return;
    const now = this.clock.now();
    this.#prepare(`UPDATE submissions SET state = 'queued', next_attempt_at = ?, updated_at = ? WHERE id = ?`).run(now.getTime(), now.toISOString(), id);
    this.#history(id, now.toISOString(), 'queued', stepName(row.steps, row.step_index), null);
  }

  #deleteAssets(id: string, at: string): void {
    this.#prepare('DELETE FROM submission_assets WHERE submission_id = ?').run(id);
    this.#faces.delete(id);
    this.#forgotten.push(id);
    this.#prepare(ASSETS_GONE).run({ id, at });
  }

  /** Runs a transaction that may delete photos; the faces that went with them are announced only once it committed. */
  #forgetting<T>(transaction: () => T): T {
    try {
      const result = transaction();
      const forgotten = this.#forgotten;
      this.#forgotten = [];
      if (forgotten.length > 0) for (const listener of this.#forgetListeners) listener(forgotten);
      return result;
    } catch (error) {
      this.#forgotten = [];
      throw error;
    }
  }

  /** A short reference no submission on this station has (40 random bits: a repeat is rare, and checked). */
  #freeShortReference(prefix: string): string {
    const taken = this.#prepare('SELECT 1 FROM submissions WHERE short_reference = ?');
    let reference = newShortReference(prefix);
    while (taken.get(reference) !== undefined) reference = newShortReference(prefix);
    return reference;
  }

  /**
   * The provider's words may echo what was sent (a NIK, a name): stored sealed like the fields, so
   * the class, code and status stay readable for counts and filters and the words do not.
   */
  #sealError(id: string, error: SubmissionError): string {
    if (error.detail === null) return JSON.stringify(error);
    const sealedDetail = this.vault.seal(id, 'error-detail', Buffer.from(error.detail, 'utf8')).toString('base64');
    return JSON.stringify({ ...error, detail: null, sealedDetail });
  }

  #openError(id: string, text: string | null): SubmissionError | null {
    const stored = parseJson<SubmissionError & { sealedDetail?: string }>(text);
    if (!stored) return null;
    const { sealedDetail, ...error } = stored;
    // Errors written before details were sealed keep their plain words.
    if (sealedDetail === undefined) return error;
    return { ...error, detail: this.vault.open(id, 'error-detail', Buffer.from(sealedDetail, 'base64')).toString('utf8') };
  }

  /** The check-in's word on the person (PeduliLindungi's colour and answer) is sealed like the identity fields. */
  #sealOutcome(id: string, outcome: SubmissionOutcome): string {
    const { checkIn, ...rest } = outcome;
    if (checkIn === undefined) return JSON.stringify(rest);
    return JSON.stringify({ ...rest, sealedCheckIn: this.vault.sealJson(id, 'check-in-result', checkIn).toString('base64') });
  }

  #openOutcome(id: string, text: string | null): SubmissionOutcome | null {
    const stored = parseJson<SubmissionOutcome & { sealedCheckIn?: string }>(text);
    if (!stored) return null;
    const { sealedCheckIn, ...outcome } = stored;
    if (sealedCheckIn === undefined) return outcome;
    return { ...outcome, checkIn: this.vault.openJson(id, 'check-in-result', Buffer.from(sealedCheckIn, 'base64')) as CheckInResult };
  }

  #history(id: string, at: string, state: SubmissionState, step: string | null, error: SubmissionError | null): void {
    this.#prepare('INSERT INTO submission_history (submission_id, at, state, step, error) VALUES (?, ?, ?, ?, ?)')
      .run(id, at, state, step, error ? this.#sealError(id, error) : null);
  }

  #row(id: string): SubmissionRow | undefined {
    return this.#prepare('SELECT * FROM submissions WHERE id = ?').get(id) as SubmissionRow | undefined;
  }

  /**
   * Fields never change after the enqueue, so an unfinished submission's label is kept: the summary
   * sent on every step then need not open its fields. A finished one's is dropped, which bounds the
   * cache by the submissions still to send.
   */
  #labelOf(row: Pick<SubmissionRow, 'id' | 'fields' | 'provider'>, fields?: Readonly<Record<string, string>>): string {
    let label = this.#labels.get(row.id);
    if (label === undefined) {
      const values = fields ?? this.#fields(row);
      label = PROVIDERS[row.provider].labelFields.map((field) => values[field]).find((value) => value) ?? row.id;
      this.#labels.set(row.id, label);
    }
    return label;
  }

  #fields(row: Pick<SubmissionRow, 'id' | 'fields'>): Record<string, string> {
    // Purged after delivery and the retention time: the row stays for counts and the audit trail, with its id as label.
    if (row.fields.length === 0) return {};
    return this.vault.openJson(row.id, 'fields', row.fields) as Record<string, string>;
  }

  /** `fields` when the caller has them open already. */
  #summary(row: SubmissionRow, fields?: Readonly<Record<string, string>>): SubmissionSummary {
    const steps = JSON.parse(row.steps) as string[];
    const name = steps[row.step_index];
    const label = this.#labelOf(row, fields);
    const waiting = row.state === 'retry_wait' || row.state === 'awaiting_result';
    return {
      id: row.id,
      shortReference: row.short_reference,
      operation: row.operation,
      provider: row.provider,
      state: answeredState(row),
      step: FINAL_STATES.includes(row.state) || name === undefined ? null : { index: row.step_index + 1, count: steps.length, name },
      attempts: row.attempts,
      nextAttemptAt: waiting && row.next_attempt_at !== null ? new Date(row.next_attempt_at).toISOString() : null,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      operatorId: row.operator_id,
      label,
      error: this.#openError(row.id, row.error),
      outcome: this.#openOutcome(row.id, row.outcome),
      discardReason: row.discard_reason,
    };
  }
}

const stepName = (steps: string, index: number): string | null => (JSON.parse(steps) as string[])[index] ?? null;

const parseJson = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

const notFound = (id: string): StationFailure => new StationFailure('queue_not_found', `No submission ${id} in the queue.`, { id });
