import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '../../shared/providers/index.js';
import type { QueueStore } from '../../electron/services/queue/queue-store.js';
import { validateSubmission } from '../../electron/services/queue/submission-validation.js';
import { AnswerBatch } from '../../electron/services/sync/answer-batch.js';
import type { FinishedAttempt, StepAttempt } from '../../electron/services/sync-steps.js';
import { glairInput, ManualClock, openTestQueue } from '../queue/support.js';

const PERSON = { nik: '3273012807850001', name: 'BUDI SANTOSO', dateOfBirth: '28-07-1985' };

function enqueue(queue: QueueStore, steps: readonly string[]): string {
  const id = randomUUID();
  queue.enqueue({ ...validateSubmission(glairInput(PERSON), 'glair-ktp', PROVIDERS), id, operatorId: null, steps });
  return id;
}

const delivered = (attempt: StepAttempt): FinishedAttempt => ({ attempt, outcome: 'complete', httpStatus: null, transition: { kind: 'done', outcome: null } });
const refused = (attempt: StepAttempt): FinishedAttempt => ({
  attempt,
  outcome: 'failed',
  httpStatus: 400,
  transition: { kind: 'needs_attention', error: { class: 'needs_attention', code: 'provider_no_face', httpStatus: 400, detail: null } },
});

describe('the batch of answers', () => {
  it('records the answers that arrive in one turn together, and answers each with its submission as committed', async () => {
    const { queue } = openTestQueue(new ManualClock());
    const [first, second] = [enqueue(queue, ['verify']), enqueue(queue, ['verify'])] as [string, string];
    const attempts = await Promise.all([queue.beginAttempt(first), queue.beginAttempt(second)]);
    const batch = new AnswerBatch(queue);
    const answered = Promise.all([batch.record(delivered(attempts[0] as StepAttempt)), batch.record(refused(attempts[1] as StepAttempt))]);
    // Held until the I/O callbacks ready now have run: nothing is recorded yet.
    expect([queue.summary(first)?.state, queue.summary(second)?.state]).toEqual(['sending', 'sending']);
    expect((await answered).map((summary) => [summary.id, summary.state])).toEqual([
      [first, 'done'],
      [second, 'needs_attention'],
    ]);
    expect(queue.summary(second)?.error?.code).toBe('provider_no_face');
  });

  it('finishes the batch atomically: one answer that cannot be recorded leaves every attempt of the batch open, and a restart recovers them all', async () => {
    const clock = new ManualClock();
    const { queue, store } = openTestQueue(clock);
    const ids = [enqueue(queue, ['verify']), enqueue(queue, ['verify']), enqueue(queue, ['verify'])];
    const attempts = await Promise.all(ids.map((id) => queue.beginAttempt(id)));
    // The third answer's write fails (as a full disk would) after the first two were written in the same transaction.
    store.db.exec(`CREATE TRIGGER refuse_third BEFORE UPDATE OF outcome ON submission_steps WHEN NEW.id = ${attempts[2]?.attemptId}
      BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const batch = new AnswerBatch(queue);
    const results = await Promise.allSettled(attempts.map((attempt) => batch.record(delivered(attempt))));
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(ids.map((id) => queue.summary(id)?.state)).toEqual(['sending', 'sending', 'sending']);
    const open = store.db.prepare('SELECT COUNT(*) AS n FROM submission_steps WHERE finished_at IS NULL AND outcome IS NULL').get() as { n: number };
    expect(open.n).toBe(3);
    expect(store.db.prepare(`SELECT COUNT(*) AS n FROM submission_history WHERE state = 'done'`).get()).toEqual({ n: 0 });
    // At the next start they are back at their step, and the next attempt is told the last one may have arrived.
    expect(queue.recoverInterrupted(() => false).sort()).toEqual([...ids].sort());
    for (const id of ids) expect((await queue.beginAttempt(id)).previousAttemptInFlight).toBe(true);
  });

  it('records what it holds at once when flushed (the engine stops while the database is open)', async () => {
    const { queue } = openTestQueue(new ManualClock());
    const id = enqueue(queue, ['verify']);
    const batch = new AnswerBatch(queue);
    const answered = batch.record(delivered(await queue.beginAttempt(id)));
    batch.flush();
    expect(queue.summary(id)?.state).toBe('done');
    await expect(answered).resolves.toMatchObject({ id, state: 'done' });
  });

  it('an answer held but not yet recorded when the station dies is recovered as a crash mid-request: sent again with reconciliation, or held as outcome unknown', async () => {
    const clock = new ManualClock();
    const before = openTestQueue(clock);
    const repeatable = enqueue(before.queue, ['upload', 'verify']);
    const notRepeatable = enqueue(before.queue, ['face-verification']);
    before.queue.finishAttempt(await before.queue.beginAttempt(repeatable), 'advance', 200, { kind: 'next_step', stepState: { uploaded: 1 } });
    const attempts = await Promise.all([before.queue.beginAttempt(repeatable), before.queue.beginAttempt(notRepeatable)]);
    const batch = new AnswerBatch(before.queue);
    const held = attempts.map((attempt) => batch.record(delivered(attempt)));
    // The process dies in this turn, before the batch's transaction: its connection goes with it.
    before.queue.close();
    before.store.db.close();
    for (const answer of held) await expect(answer).rejects.toThrow(/not open/);

    const after = openTestQueue(clock, before.folder);
    const recovered = after.queue.recoverInterrupted((_provider, step) => step === 'face-verification');
    expect(recovered.sort()).toEqual([repeatable, notRepeatable].sort());
    expect(after.queue.summary(repeatable)).toMatchObject({ state: 'queued', step: { index: 2, name: 'verify' } });
    expect(after.queue.summary(notRepeatable)).toMatchObject({ state: 'outcome_unknown', error: { code: 'provider_outcome_unknown' } });
    // Nothing lost: the step it had reached and its state are there; nothing sent twice blindly: the next attempt reconciles.
    expect(after.queue.loadForSync(repeatable)).toMatchObject({ stepIndex: 1, stepState: { uploaded: 1 } });
    expect((await after.queue.beginAttempt(repeatable)).previousAttemptInFlight).toBe(true);
  });
});
