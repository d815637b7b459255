import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PROVIDERS } from '../../shared/providers/index.js';
import { validateSubmission } from '../../electron/services/queue/submission-validation.js';
import { SettleWaiters } from '../../electron/services/sync/settle-waiters.js';
import { glairInput, ManualClock, openTestQueue } from '../queue/support.js';

const PERSON = { nik: '3273012807850001', name: 'BUDI SANTOSO', dateOfBirth: '28-07-1985' };

/** A verify in the queue, being sent, and waiters on it over the real store. */
async function verifyBeingSent() {
  const { queue } = openTestQueue(new ManualClock());
  const id = randomUUID();
  queue.enqueue({ ...validateSubmission({ ...glairInput(PERSON), operation: 'verify' }, 'glair-ktp', PROVIDERS), id, operatorId: null, steps: ['verify'] });
  const attempt = await queue.beginAttempt(id);
  let reachable = true;
  const waiters = new SettleWaiters(
    (submission) => queue.summary(submission),
    () => reachable,
  );
  const answered = new Set<string>();
  const wait = (name: string, timeoutMs = 60_000): Promise<void> => waiters.wait(id, timeoutMs).then(() => void answered.add(name));
  return { queue, id, attempt, waiters, answered, wait, unreachable: () => (reachable = false) };
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

afterEach(() => {
  vi.useRealTimers();
});

describe('waiting for a submission to settle', () => {
  it('answers every waiter once the submission settled and is checked, not before', async () => {
    const { queue, id, attempt, waiters, answered, wait } = await verifyBeingSent();
    const both = Promise.all([wait('first'), wait('second')]);
    waiters.check(id);
    await turn();
    expect(answered.size).toBe(0);
    queue.finishAttempt(attempt, 'complete', 200, { kind: 'done', outcome: { verdict: 'match', similarity: 0.9, reference: null } });
    waiters.check(id);
    await both;
    expect([...answered].sort()).toEqual(['first', 'second']);
  });

  it('does not answer on a change that leaves it waiting (a retry)', async () => {
    const { queue, id, attempt, waiters, answered, wait } = await verifyBeingSent();
    void wait('clerk');
    queue.finishAttempt(attempt, 'lost', 0, {
      kind: 'retry_wait',
      error: { class: 'transient', code: 'provider_unreachable', httpStatus: 0, detail: null },
      nextAttemptAt: 0,
    });
    waiters.check(id);
    await turn();
    expect(answered.size).toBe(0);
  });

  it('answers at once when the provider can no longer answer, and all waiters when told waiting cannot help', async () => {
    const { waiters, answered, wait, unreachable } = await verifyBeingSent();
    const first = wait('first');
    waiters.releaseAll();
    await first;
    expect(answered.has('first')).toBe(true);
    unreachable();
    await wait('offline');
    expect(answered.has('offline')).toBe(true);
    await expect(waiters.wait('no-such-submission', 60_000)).resolves.toBeUndefined();
  });

  it('answers after its timeout when nothing settles it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { answered, wait } = await verifyBeingSent();
    const waiting = wait('clerk', 5000);
    vi.advanceTimersByTime(4999);
    await turn();
    expect(answered.size).toBe(0);
    vi.advanceTimersByTime(1);
    await waiting;
    expect(answered.has('clerk')).toBe(true);
  });
});
