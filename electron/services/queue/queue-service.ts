import { randomUUID } from 'node:crypto';
import type { DuplicateMatch } from '../../../shared/contract/duplicates.js';
import type {
  OutcomeDecision,
  ReviewInput,
  SubmissionDetail,
  SubmissionState,
  SubmissionSummary,
  SubmitInput,
  SyncHealth,
} from '../../../shared/contract/queue.js';
import { StationFailure } from '../../../shared/contract/result.js';
import type { Operation, ProviderDeclaration } from '../../../shared/providers/declaration.js';
import type { ProviderId } from '../../../shared/providers/ids.js';
import type { StationSettings } from '../../../shared/settings.js';
import type { Clock } from '../clock.js';
import { DuplicateFaces, type FaceProbe } from '../duplicates/duplicate-faces.js';
import { identityKey } from '../duplicates/identity-key.js';
import type { OperatorRole } from '../operators/access-control.js';
import type { ProviderAdapter } from '../sync/provider-adapter.js';
import type { SyncControl } from '../sync-steps.js';
import { queueReportCsv } from './queue-report.js';
import type { ListQuery, QueueCounts, QueueStore } from './queue-store.js';
import { validateSubmission } from './submission-validation.js';

export interface QueueServiceDependencies {
  readonly store: QueueStore;
  readonly engine: SyncControl;
  /** Who hears of the submissions this service changes (the station's event hub; nobody where none listens); the engine tells of its own. */
  readonly onChange?: (item: SubmissionSummary) => void;
  readonly declarations: Readonly<Record<ProviderId, ProviderDeclaration>>;
  readonly adapters: Readonly<Record<ProviderId, Pick<ProviderAdapter, 'steps'>>>;
  readonly settings: () => StationSettings;
  readonly clock: Clock;
  /** How long a verify waits for the provider's answer while online before answering "queued". */
  readonly verifyWaitMs?: number;
  readonly newId?: () => string;
}

export const DEFAULT_VERIFY_WAIT_MS = 20_000;

/** An enrollment's face (main's own descriptor of its photo, see duplicates/enrollment-face.ts) and identity, as the duplicate check takes them. */
export interface FaceToCheck {
  readonly operation: Operation;
  readonly fields: Readonly<Record<string, string>>;
  readonly descriptor: Float32Array | null;
  readonly replaces?: string | null | undefined;
}

/** What the queue channels do, apart from who may call them. */
export class QueueService {
  readonly #duplicates: DuplicateFaces;

  constructor(private readonly deps: QueueServiceDependencies) {
    this.#duplicates = new DuplicateFaces(deps.store);
  }

  /**
   * Validates and enqueues in one transaction, then starts sending. An enrollment whose face
   * (`descriptor`, described by main from its photo; none where queue.submit found nothing to check)
   * this station keeps under another identity is refused unless a supervisor acknowledged it (the
   * handler makes sure only a supervisor sends an acknowledgement). With `requireApproval` a clerk's
   * enrollment waits for a supervisor instead of being sent; a verification (a person waits at the
   * desk), a deletion and a supervisor's own work do not.
   */
  enqueue(input: SubmitInput, operatorId: string | null, role: OperatorRole | null = null, descriptor: Float32Array | null = null): SubmissionSummary {
    const { store } = this.deps;
    const settings = this.deps.settings();
    const valid = validateSubmission(input, settings.providerId, this.deps.declarations);
    const face = this.#probe({ ...input, descriptor });
    const duplicates = face ? this.#duplicates.find(face, this.#minSimilarity()) : [];
    const [earlier] = duplicates;
    if (earlier && !input.duplicateAcknowledgement) {
      throw new StationFailure('duplicate_face_found', `This face was enrolled on ${earlier.createdAt} under other details (${earlier.shortReference}).`, {
        reference: earlier.shortReference,
        date: earlier.createdAt,
      });
    }
    const summary = store.enqueue({
      ...valid,
      id: (this.deps.newId ?? randomUUID)(),
      operatorId,
      steps: this.deps.adapters[valid.provider].steps(valid.operation),
      referencePrefix: settings.referencePrefix,
      awaitsApproval: settings.requireApproval && valid.operation === 'enroll' && role !== 'supervisor',
      face,
    });
    if (face) {
      const { provider, identity, descriptor } = face;
      this.#duplicates.remember({
        provider,
        identity,
        descriptor,
        submissionId: summary.id,
        shortReference: summary.shortReference,
        createdAt: summary.createdAt,
      });
    }
    if (valid.replaces) this.#changed(store.requireSummary(valid.replaces));
    this.#changed(summary);
    return summary;
  }

  /**
   * Earlier enrollments of this station, for the configured provider, whose face matches this one
   * under other identity fields (Settings: minDuplicateFaceSimilarity), most similar first.
   */
  duplicatesOf(check: FaceToCheck): DuplicateMatch[] {
    const face = this.#probe(check);
    return face ? this.#duplicates.find(face, this.#minSimilarity()) : [];
  }

  /** A verify has a person waiting at the desk: while online, wait (bounded) for the provider's answer. */
  async awaitVerification(summary: SubmissionSummary): Promise<SubmissionSummary> {
    const { store, engine } = this.deps;
    if (summary.operation !== 'verify' || !engine.online) return summary;
    await engine.waitUntilSettled(summary.id, this.deps.verifyWaitMs ?? DEFAULT_VERIFY_WAIT_MS);
    return store.requireSummary(summary.id);
  }

  list(query: ListQuery): { items: SubmissionSummary[]; total: number; counts: QueueCounts; health: SyncHealth } {
    return { ...this.deps.store.list(query), counts: this.deps.store.counts(), health: this.deps.engine.health() };
  }

  get(id: string): SubmissionDetail {
    return this.deps.store.detail(id);
  }

  retry(id: string): SubmissionSummary {
    this.#refuseWhileSending(id);
    const summary = this.deps.store.retry(id);
    this.#changed(summary);
    return summary;
  }

  /** A supervisor's answer to an enrollment held for approval: sent now, or back to the clerk with the reason. */
  review(input: ReviewInput): SubmissionSummary {
    const summary = input.decision === 'approve' ? this.deps.store.approve(input.id) : this.deps.store.reject(input.id, input.reason);
    this.#changed(summary);
    return summary;
  }

  discard(id: string, reason: string): SubmissionSummary {
    this.#refuseWhileSending(id);
    const summary = this.deps.store.discard(id, reason);
    this.deps.store.reclaimSpace();
    this.#changed(summary);
    return summary;
  }

  /** A supervisor's decision on a submission whose outcome is unknown; a discard keeps its reason. */
  resolveOutcome(id: string, decision: OutcomeDecision, reason: string): SubmissionSummary {
    if (decision === 'discard') {
      if (this.deps.store.summary(id)?.state !== 'outcome_unknown') {
        throw new StationFailure('queue_outcome_known', 'This submission has no unknown outcome to resolve.');
      }
      return this.discard(id, reason);
    }
    this.#refuseWhileSending(id);
    const summary = this.deps.store.resolveOutcome(id, decision);
    this.#changed(summary);
    return summary;
  }

  export(states: readonly SubmissionState[] | undefined): { fileName: string; csv: string; rows: number } {
    const rows = this.deps.store.reportRows(states);
    const stamp = this.deps.clock
      .now()
      .toISOString()
      .replace(/\.\d+Z$/, 'Z')
      .replaceAll(':', '-');
    return { fileName: `queue-report-${stamp}.csv`, csv: queueReportCsv(rows), rows: rows.length };
  }

  /** Deletes the biometrics of every delivered submission now, whatever the retention days. */
  purge(): number {
    const purged = this.deps.store.deleteDeliveredAssets(null).length;
    if (purged > 0) this.deps.store.reclaimSpace();
    return purged;
  }

  /** Tells the renderer, then the engine: a verify waiting on this submission may have its answer, and there may be work. */
  #changed(summary: SubmissionSummary): void {
    this.deps.onChange?.(summary);
    this.deps.engine.changed(summary.id);
  }

  /** Only enrollments keep and check a face: a verification is meant to match the enrolled one. */
  #probe(check: FaceToCheck): FaceProbe | null {
    const provider = this.deps.settings().providerId;
    const declaration = provider ? this.deps.declarations[provider].operations[check.operation] : undefined;
    if (!provider || !declaration || check.operation !== 'enroll' || !check.descriptor) return null;
    return {
      provider,
      identity: identityKey(declaration.fields, check.fields),
      descriptor: check.descriptor,
      replaces: check.replaces ?? null,
    };
  }

  #minSimilarity(): number {
    return this.deps.settings().captureThresholds.minDuplicateFaceSimilarity;
  }

  #refuseWhileSending(id: string): void {
    if (this.deps.engine.isInFlight(id)) {
      throw new StationFailure('queue_submission_busy', 'The submission is being sent right now; try again in a moment.', { id });
    }
  }
}
