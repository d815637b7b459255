import type { SubmissionSummary } from '../../../shared/contract/queue.js';
import type { FinishedAttempt, SyncQueue } from '../sync-steps.js';

interface HeldAnswer {
  readonly finished: FinishedAttempt;
  readonly resolve: (summary: SubmissionSummary) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Answers that arrive together are recorded together: each is held until the event loop has run
 * the other I/O callbacks ready now (setImmediate), then all are finished in one transaction, one
 * commit instead of one per answer. Nobody acts on an answer before it is recorded: record()
 * resolves only after the commit. An answer still held when the process dies was never recorded,
 * so its attempt reads as in flight, exactly as a crash with the request on the wire.
 */
export class AnswerBatch {
  #held: HeldAnswer[] = [];
  #scheduled: NodeJS.Immediate | undefined;

  constructor(private readonly queue: Pick<SyncQueue, 'finishAttempts'>) {}

  /** Resolves with the submission as the commit left it; rejects, with the whole batch, if the commit failed. */
  record(finished: FinishedAttempt): Promise<SubmissionSummary> {
    return new Promise((resolve, reject) => {
      this.#held.push({ finished, resolve, reject });
      this.#scheduled ??= setImmediate(() => this.flush());
    });
  }

  /** Records what is held now (also when the engine stops, while the database is still open). */
  flush(): void {
    clearImmediate(this.#scheduled);
    this.#scheduled = undefined;
    const held = this.#held;
    this.#held = [];
    if (held.length === 0) return;
    let summaries: SubmissionSummary[];
    try {
      summaries = this.queue.finishAttempts(held.map((answer) => answer.finished));
    } catch (error) {
      for (const answer of held) answer.reject(error);
      return;
    }
    held.forEach((answer, index) => answer.resolve(summaries[index] as SubmissionSummary));
  }
}
