import type { Operation } from '../../../shared/providers/declaration.js';
import type { ProviderId } from '../../../shared/providers/ids.js';
import type { AssetKind, CheckIn, SubmissionError, SubmissionOutcome } from '../../../shared/contract/queue.js';
import type { ConnectionCheck } from '../../../shared/contract/providers.js';
import type { StepState } from '../sync-steps.js';
import type { StepSafety } from './step-safety.js';

/** A submission as an adapter sees it: decrypted, with its assets loaded on demand. */
export interface SyncSubmission {
  /** The station's submission id; sent wherever an API takes a transaction id (riset `trx_id`). */
  readonly id: string;
  readonly operation: Operation;
  readonly fields: Readonly<Record<string, string>>;
  readonly checkIn: CheckIn | null;
  /** Assets of one kind in capture order (face 1..n, the ID card, the clip). */
  assets(kind: AssetKind): Promise<ReadonlyArray<{ readonly mime: string; readonly bytes: Buffer }>>;
}

/** The provider as configured on this station. */
export interface ProviderConnection {
  /** `settings.endpoint`, or `settings.verifyEndpoint` for photo-registry's verify. No trailing slash. */
  readonly baseUrl: string;
  /** photo-registry's `settings.verifyEndpoint` (no trailing slash), so its connection test checks that URL too; absent elsewhere. */
  readonly verifyBaseUrl?: string;
  /** From the credential store, by the declaration's credential field names. */
  readonly credentials: Readonly<Record<string, string>>;
  /** The one network seam (injected fetch) with the engine's timeout and abort already applied. */
  readonly fetch: typeof fetch;
  /** Per-provider memory that outlives one step (apptenticate's JWT). Lost on restart, which is fine. */
  readonly session: Map<string, unknown>;
}

export interface StepContext {
  readonly submission: SyncSubmission;
  readonly connection: ProviderConnection;
  /** What this step left the last time it ran (a poll), or what the previous step handed on. */
  readonly state: StepState;
  /**
   * True when an earlier attempt of this very step was started and no outcome was recorded
   * (a lost response, a crash mid-request). Adapters of APIs without idempotency keys use it to
   * reconcile: a "duplicate" answer then means our own earlier success.
   */
  readonly previousAttemptInFlight: boolean;
}

export type StepOutcome =
  /** This step is done; the next one starts (with `state` handed on). */
  | { readonly kind: 'advance'; readonly state?: StepState }
  /** The provider is still working: run this same step again after `afterMs` (state awaiting_result). */
  | { readonly kind: 'poll'; readonly afterMs: number; readonly state?: StepState }
  /** The operation is finished. */
  | { readonly kind: 'complete'; readonly outcome: SubmissionOutcome }
  /** A classified failure; `retryAfterMs` comes from Retry-After where the provider sent one. */
  | { readonly kind: 'failed'; readonly error: SubmissionError; readonly retryAfterMs?: number };

export interface GalleryPerson {
  readonly nik: string;
  readonly name: string;
}

export interface ProviderAdapter {
  readonly id: ProviderId;
  /** Step names for one submission, in order, e.g. `upload-1`..`upload-4`, `confirm`, `check`. Fixed at enqueue time. */
  steps(operation: Operation): readonly string[];
  /** Whether a step may be sent again when nobody knows if the last try arrived (sync/step-safety.ts). */
  safety(step: string): StepSafety;
  /** Runs one step. Never throws for anything the network or the provider does: that is a `failed` outcome. */
  runStep(step: string, context: StepContext): Promise<StepOutcome>;
  /** The people in the provider's face gallery, where it has one to list (riset's list-faces). */
  listGallery?(
    connection: ProviderConnection,
  ): Promise<{ readonly kind: 'listed'; readonly people: GalleryPerson[] } | Extract<StepOutcome, { kind: 'failed' }>>;
  /** The Settings screen's "Test connection": a cheap, side-effect-free call with the credentials. */
  testConnection(connection: ProviderConnection): Promise<Omit<ConnectionCheck, 'elapsedMs'>>;
}
