import type { Database, Statement } from 'better-sqlite3';
import type { CheckIn, CheckInResult, SubmissionError, SubmissionOutcome, SubmissionState, SubmissionSummary } from '../../../shared/contract/queue.js';
import { StationFailure } from '../../../shared/contract/result.js';
import type { Operation } from '../../../shared/providers/declaration.js';
import type { ProviderId } from '../../../shared/providers/ids.js';
import { PROVIDERS } from '../../../shared/providers/index.js';
import { OUTCOME_UNKNOWN_CODE, type StepState } from '../sync-steps.js';
import type { Vault } from '../vault/vault.js';

// The submissions table as the queue's modules read and write it: rows to summaries, the sealed
// columns opened and sealed, history lines, and each submission's label kept open for the list.

export interface SubmissionRow {
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

export const FINAL_STATES: readonly SubmissionState[] = ['done', 'discarded'];

export const IS_OUTCOME_UNKNOWN = `(state = 'needs_attention' AND json_extract(error, '$.code') = '${OUTCOME_UNKNOWN_CODE}')`;
const IS_NEEDS_ATTENTION = `(state = 'needs_attention' AND COALESCE(json_extract(error, '$.code'), '') <> '${OUTCOME_UNKNOWN_CODE}')`;

/** handed_over is kept as discarded with the time it left (migration 10): final, never due, its biometrics gone. */
const IS_HANDED_OVER = `(state = 'discarded' AND handed_over_at IS NOT NULL)`;
const IS_DISCARDED = `(state = 'discarded' AND handed_over_at IS NULL)`;

/** The SQL that picks the rows of one state as the store answers it. */
export function whereState(state: SubmissionState): string {
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
export function answeredState(row: { state: SubmissionState; error: string | null; handed_over_at: string | null }): SubmissionState {
  if (row.state === 'discarded' && row.handed_over_at !== null) return 'handed_over';
  if (row.state !== 'needs_attention' || row.error === null) return row.state;
  return (JSON.parse(row.error) as { code?: string }).code === OUTCOME_UNKNOWN_CODE ? 'outcome_unknown' : row.state;
}

export const stepName = (steps: string, index: number): string | null => (JSON.parse(steps) as string[])[index] ?? null;

export const notFound = (id: string): StationFailure => new StationFailure('queue_not_found', `No submission ${id} in the queue.`, { id });

const parseJson = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

export class SubmissionRows {
  readonly #statements = new Map<string, Statement>();
  /**
   * Each submission's label, opened once: the queue list shows it and a search filters by it (a
   * search that decrypted every row took 280 ms over 10,000 submissions). Forgotten with the fields.
   */
  readonly #labels = new Map<string, string>();

  constructor(
    readonly db: Database,
    private readonly vault: Vault,
  ) {}

  /** Statements are prepared once: on an enqueue, preparing costs as much as the inserts. */
  prepare(sql: string): Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  row(id: string): SubmissionRow | undefined {
    return this.prepare('SELECT * FROM submissions WHERE id = ?').get(id) as SubmissionRow | undefined;
  }

  shortReferenceTaken(reference: string): boolean {
    return this.prepare('SELECT 1 FROM submissions WHERE short_reference = ?').get(reference) !== undefined;
  }

  summaryOf(id: string): SubmissionSummary | null {
    const row = this.row(id);
    return row ? this.summary(row) : null;
  }

  requireSummary(id: string): SubmissionSummary {
    const summary = this.summaryOf(id);
    if (!summary) throw notFound(id);
    return summary;
  }

  /** `fields` when the caller has them open already. */
  summary(row: SubmissionRow, fields?: Readonly<Record<string, string>>): SubmissionSummary {
    const steps = JSON.parse(row.steps) as string[];
    const name = steps[row.step_index];
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
      label: this.labelOf(row, fields),
      error: this.openError(row.id, row.error),
      outcome: this.openOutcome(row.id, row.outcome),
      discardReason: row.discard_reason,
    };
  }

  /**
   * Fields never change after the enqueue, so an unfinished submission's label is kept: the summary
   * sent on every step then need not open its fields. Dropped with the fields (forgetLabel).
   */
  labelOf(row: Pick<SubmissionRow, 'id' | 'fields' | 'provider'>, fields?: Readonly<Record<string, string>>): string {
    let label = this.#labels.get(row.id);
    if (label === undefined) {
      const values = fields ?? this.fields(row);
      label = PROVIDERS[row.provider].labelFields.map((field) => values[field]).find((value) => value) ?? row.id;
      this.#labels.set(row.id, label);
    }
    return label;
  }

  /** The label if it is open already: a search reads only the rows whose label it has not opened yet. */
  openLabel(id: string): string | undefined {
    return this.#labels.get(id);
  }

  /** The person's name went with the fields: the list shows the id from now on. */
  forgetLabel(id: string): void {
    this.#labels.delete(id);
  }

  fields(row: Pick<SubmissionRow, 'id' | 'fields'>): Record<string, string> {
    // Purged after delivery and the retention time: the row stays for counts and the audit trail, with its id as label.
    if (row.fields.length === 0) return {};
    return this.vault.openJson(row.id, 'fields', row.fields) as Record<string, string>;
  }

  checkIn(row: Pick<SubmissionRow, 'id' | 'check_in'>): CheckIn | null {
    return row.check_in ? (this.vault.openJson(row.id, 'check-in', row.check_in) as CheckIn) : null;
  }

  stepState(row: Pick<SubmissionRow, 'id' | 'step_state'>): StepState | null {
    return row.step_state ? (this.vault.openJson(row.id, 'step-state', row.step_state) as StepState) : null;
  }

  /**
   * The provider's words may echo what was sent (a NIK, a name): stored sealed like the fields, so
   * the class, code and status stay readable for counts and filters and the words do not.
   */
  sealError(id: string, error: SubmissionError): string {
    if (error.detail === null) return JSON.stringify(error);
    const sealedDetail = this.vault.seal(id, 'error-detail', Buffer.from(error.detail, 'utf8')).toString('base64');
    return JSON.stringify({ ...error, detail: null, sealedDetail });
  }

  openError(id: string, text: string | null): SubmissionError | null {
    const stored = parseJson<SubmissionError & { sealedDetail?: string }>(text);
    if (!stored) return null;
    const { sealedDetail, ...error } = stored;
    // Errors written before details were sealed keep their plain words.
    if (sealedDetail === undefined) return error;
    return { ...error, detail: this.vault.open(id, 'error-detail', Buffer.from(sealedDetail, 'base64')).toString('utf8') };
  }

  /** The check-in's word on the person (PeduliLindungi's colour and answer) is sealed like the identity fields. */
  sealOutcome(id: string, outcome: SubmissionOutcome): string {
    const { checkIn, ...rest } = outcome;
    if (checkIn === undefined) return JSON.stringify(rest);
    return JSON.stringify({ ...rest, sealedCheckIn: this.vault.sealJson(id, 'check-in-result', checkIn).toString('base64') });
  }

  openOutcome(id: string, text: string | null): SubmissionOutcome | null {
    const stored = parseJson<SubmissionOutcome & { sealedCheckIn?: string }>(text);
    if (!stored) return null;
    const { sealedCheckIn, ...outcome } = stored;
    if (sealedCheckIn === undefined) return outcome;
    return { ...outcome, checkIn: this.vault.openJson(id, 'check-in-result', Buffer.from(sealedCheckIn, 'base64')) as CheckInResult };
  }

  history(id: string, at: string, state: SubmissionState, step: string | null, error: SubmissionError | null): void {
    this.prepare('INSERT INTO submission_history (submission_id, at, state, step, error) VALUES (?, ?, ?, ?, ?)').run(
      id,
      at,
      state,
      step,
      error ? this.sealError(id, error) : null,
    );
  }
}
