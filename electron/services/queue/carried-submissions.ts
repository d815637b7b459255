import type { AssetKind, CaptureMetadata, CheckIn } from '../../../shared/contract/queue.js';
import type { Operation } from '../../../shared/providers/declaration.js';
import type { ProviderId } from '../../../shared/providers/ids.js';
import type { Clock } from '../clock.js';
import type { StepState } from '../sync-steps.js';
import type { Vault } from '../vault/vault.js';
import type { BiometricsDeletion } from './biometrics-deletion.js';
import type { DurableTransaction } from './durable-transaction.js';
import { freeShortReference } from './short-reference.js';
import type { StepLog } from './step-log.js';
import type { SubmissionRow, SubmissionRows } from './submission-rows.js';

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

export interface CarriedSubmissionsDependencies {
  readonly rows: SubmissionRows;
  readonly steps: Pick<StepLog, 'mayHaveArrived'>;
  readonly biometrics: BiometricsDeletion;
  readonly vault: Vault;
  readonly clock: Clock;
  readonly durably: DurableTransaction;
}

/**
 * The queue's side of a hand-carry between stations: the waiting submissions read out for a file
 * and closed here once it is written, and those a file brings queued at the step they had reached.
 */
export class CarriedSubmissions {
  constructor(private readonly deps: CarriedSubmissionsDependencies) {}

  /**
   * What a hand-over carries: queued or waiting to retry, so nothing is on the wire (those the engine
   * works on, `skip`, stay too). Read and marked (markHandedOver) in one synchronous stretch
   * by the caller, so the engine cannot start one in between.
   */
  handoverCandidates(skip: (id: string) => boolean): CarriedSubmission[] {
    const { rows, steps, vault } = this.deps;
    const waiting = rows.prepare(`SELECT * FROM submissions WHERE state IN ('queued', 'retry_wait') ORDER BY created_at, rowid`).all() as SubmissionRow[];
    const assets = rows.prepare('SELECT seq, kind, mime, data FROM submission_assets WHERE submission_id = ? ORDER BY seq');
    return waiting
      .filter((row) => !skip(row.id))
      .map((row) => ({
        id: row.id,
        shortReference: row.short_reference,
        operation: row.operation,
        provider: row.provider,
        fields: rows.fields(row),
        checkIn: rows.checkIn(row),
        capture: JSON.parse(row.capture) as CaptureMetadata,
        consentAt: row.consent_at,
        createdAt: row.created_at,
        steps: JSON.parse(row.steps) as string[],
        stepIndex: row.step_index,
        stepState: rows.stepState(row),
        stepMayHaveArrived: steps.mayHaveArrived(row.id, row.step_index),
        assets: (assets.all(row.id) as Array<{ seq: number; kind: AssetKind; mime: string; data: Buffer }>).map((asset) => ({
          kind: asset.kind,
          mime: asset.mime,
          bytes: vault.open(row.id, `asset:${asset.seq}`, asset.data),
        })),
      }));
  }

  /**
   * Closes carried submissions for good here: handed_over, never due again, their photos, fields
   * and check-in deleted (the file holds them now). Durable before it returns. Refuses, changing
   * nothing, if one of them is no longer waiting.
   */
  markHandedOver(ids: readonly string[]): void {
    const { rows, biometrics, clock, durably } = this.deps;
    const at = clock.now().toISOString();
    // Their faces went with the photos: those who keep faces in memory hear of it once this committed.
    biometrics.announcing(() =>
      durably(() => {
        for (const id of ids) {
          const row = rows.row(id);
          if (row?.state !== 'queued' && row?.state !== 'retry_wait') throw new Error(`Submission ${id} is no longer waiting; nothing was handed over.`);
          rows
            .prepare(
              `UPDATE submissions SET state = 'discarded', handed_over_at = @at, fields = x'', check_in = NULL, step_state = NULL,
               next_attempt_at = NULL, updated_at = @at WHERE id = @id`,
            )
            .run({ id, at });
          rows.history(id, at, 'handed_over', null, null);
          biometrics.deleteAssets(id, at);
          // The person's name went with the fields: the list shows the id from now on.
          rows.forgetLabel(id);
        }
      }),
    );
  }

  /**
   * Queues submissions carried from another station, sealed under this station's vault, at the
   * step they had reached. One this station already has is skipped, unless it is one it handed over
   * itself and that now comes back: then it waits here again. Durable before it returns.
   */
  importCarried(items: readonly CarriedSubmission[], referencePrefix: string): { added: string[]; alreadyHere: string[] } {
    const { rows, vault, clock, durably } = this.deps;
    const now = clock.now();
    const at = now.toISOString();
    const added: string[] = [];
    const alreadyHere: string[] = [];
    durably(() => {
      for (const item of items) {
        const existing = rows.row(item.id);
        if (existing && existing.handed_over_at === null) {
          alreadyHere.push(item.id);
          continue;
        }
        const values = {
          id: item.id,
          operation: item.operation,
          provider: item.provider,
          fields: vault.sealJson(item.id, 'fields', item.fields),
          checkIn: item.checkIn ? vault.sealJson(item.id, 'check-in', item.checkIn) : null,
          capture: JSON.stringify(item.capture),
          consentAt: item.consentAt,
          steps: JSON.stringify(item.steps),
          stepIndex: item.stepIndex,
          stepState: item.stepState ? vault.sealJson(item.id, 'step-state', item.stepState) : null,
          due: now.getTime(),
          createdAt: item.createdAt,
          at,
        };
        if (existing) {
          rows
            .prepare(
              `UPDATE submissions SET state = 'queued', handed_over_at = NULL, assets_deleted_at = NULL, fields = @fields, check_in = @checkIn,
               steps = @steps, step_index = @stepIndex, step_state = @stepState, failures = 0, error = NULL, next_attempt_at = @due, updated_at = @at
             WHERE id = @id`,
            )
            .run(values);
        } else {
          const taken = (reference: string) => rows.shortReferenceTaken(reference);
          rows
            .prepare(
              `INSERT INTO submissions (id, operation, provider, state, fields, check_in, capture, consent_at, operator_id, steps, step_index, step_state,
               next_attempt_at, created_at, updated_at, short_reference)
             VALUES (@id, @operation, @provider, 'queued', @fields, @checkIn, @capture, @consentAt, NULL, @steps, @stepIndex, @stepState, @due, @createdAt, @at, @shortReference)`,
            )
            .run({ ...values, shortReference: taken(item.shortReference) ? freeShortReference(referencePrefix, taken) : item.shortReference });
        }
        const insertAsset = rows.prepare('INSERT INTO submission_assets (submission_id, seq, kind, mime, bytes, data) VALUES (?, ?, ?, ?, ?, ?)');
        item.assets.forEach((asset, seq) =>
          insertAsset.run(item.id, seq, asset.kind, asset.mime, asset.bytes.length, vault.seal(item.id, `asset:${seq}`, asset.bytes)),
        );
        const step = item.steps[item.stepIndex] ?? null;
        // The exporting station's attempt may have reached the provider: this station's next one reads it as in flight and reconciles.
        if (item.stepMayHaveArrived && step !== null) {
          rows
            .prepare(`INSERT INTO submission_steps (submission_id, step_index, step, started_at, finished_at, outcome) VALUES (?, ?, ?, ?, ?, 'lost')`)
            .run(item.id, item.stepIndex, step, at, at);
        }
        rows.history(item.id, at, 'queued', step, null);
        added.push(item.id);
      }
    });
    return { added, alreadyHere };
  }
}
