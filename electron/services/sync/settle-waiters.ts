import type { SubmissionState, SubmissionSummary } from '../../../shared/contract/queue.js';
import type { ProviderId } from '../../../shared/providers/ids.js';

/** States after which a waiting verify answers the clerk: the result, or a reason to act on. */
const SETTLED: readonly SubmissionState[] = ['done', 'needs_attention', 'outcome_unknown', 'discarded'];

/**
 * Callers waiting for a submission to settle (a verify, with the person at the desk). Each is
 * answered once the submission settled, once waiting cannot help any more (offline, provider
 * paused, submission gone), or after its own timeout, whichever comes first.
 */
export class SettleWaiters {
  readonly #waiters = new Map<string, Set<() => void>>();

  constructor(
    private readonly summary: (id: string) => SubmissionSummary | null,
    /** Whether the provider may still answer: online and not paused. */
    private readonly mayAnswer: (provider: ProviderId) => boolean,
  ) {}

  wait(id: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const waiters = this.#waiters.get(id) ?? new Set<() => void>();
      this.#waiters.set(id, waiters);
      const finish = (): void => {
        clearTimeout(timer);
        waiters.delete(finish);
        if (waiters.size === 0) this.#waiters.delete(id);
        resolve();
      };
      const timer = setTimeout(finish, timeoutMs);
      waiters.add(finish);
      this.check(id);
    });
  }

  /** The submission may have changed: answers its waiters if their wait is over. */
  check(id: string): void {
    const waiters = this.#waiters.get(id);
    if (!waiters) return;
    const summary = this.summary(id);
    if (!summary || SETTLED.includes(summary.state) || !this.mayAnswer(summary.provider)) for (const finish of [...waiters]) finish();
  }

  /** Waiting cannot help anyone now (offline, a provider paused, the engine stopping). */
  releaseAll(): void {
    for (const waiters of [...this.#waiters.values()]) for (const finish of [...waiters]) finish();
  }
}
