import type { Clock } from '../clock.js';
import type { SyncQueue } from '../sync-steps.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** With no retention, delivered biometrics wait this long for others delivered meanwhile, then go in one transaction. */
const BATCH_DELAY_MS = 1000;

export interface DeliveredRetentionDependencies {
  readonly queue: Pick<SyncQueue, 'deleteDeliveredAssets' | 'reclaimSpace'>;
  readonly retentionDays: () => number;
  readonly clock: Clock;
  /** Submissions whose photos and identity fields were just deleted (an open receipt or detail then says so). */
  readonly onDeleted: (ids: readonly string[]) => void;
}

/**
 * When delivered submissions lose their photos and identity fields: after `retentionDays`, checked
 * on the engine's timer; with 0 days within a second of delivery, in one batch for all delivered
 * meanwhile (a deletion per delivery writes some twenty times the pages), and at the latest when
 * the engine stops. The freed pages go back to the file system on the next timer, not per batch.
 */
export class DeliveredRetention {
  #batchTimer: NodeJS.Timeout | undefined;
  #reclaimPending = false;

  constructor(private readonly deps: DeliveredRetentionDependencies) {}

  /** A submission was delivered. */
  delivered(): void {
    if (this.deps.retentionDays() !== 0 || this.#batchTimer) return;
    this.#batchTimer = setTimeout(() => this.#deleteExpired(), BATCH_DELAY_MS);
    this.#batchTimer.unref();
  }

  /** The engine's timer: what is past retention goes, and the space freed since the last time is given back. */
  tick(): void {
    this.#deleteExpired();
    if (!this.#reclaimPending) return;
    this.#reclaimPending = false;
    this.deps.queue.reclaimSpace();
  }

  /** The database is still open: a batch waiting for its time goes now, not at the next start. */
  stop(): void {
    if (this.#batchTimer) this.#deleteExpired();
  }

  #deleteExpired(): void {
    clearTimeout(this.#batchTimer);
    this.#batchTimer = undefined;
    const { queue, clock, retentionDays, onDeleted } = this.deps;
    const deleted = queue.deleteDeliveredAssets(new Date(clock.now().getTime() - retentionDays() * DAY_MS));
    if (deleted.length === 0) return;
    this.#reclaimPending = true;
    onDeleted(deleted);
  }
}
