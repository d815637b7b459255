import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SubmitInput } from '../../shared/contract/queue.js';
import { PROVIDERS } from '../../shared/providers/index.js';
import type { CarriedSubmission } from '../../electron/services/queue/carried-submissions.js';
import type { QueueStore } from '../../electron/services/queue/queue-store.js';
import { validateSubmission } from '../../electron/services/queue/submission-validation.js';
import { face, glairInput, ManualClock, openTestQueue } from './support.js';

const PERSON = { nik: '3273012807850001', name: 'BUDI SANTOSO', dateOfBirth: '28-07-1985' };

function enqueue(queue: QueueStore, input: SubmitInput = glairInput(PERSON), steps = ['upload', 'confirm']): string {
  const id = randomUUID();
  queue.enqueue({
    ...validateSubmission(input, 'glair-ktp', PROVIDERS),
    id,
    operatorId: 'op-1',
    steps,
    face: { identity: PERSON.nik, descriptor: Float32Array.of(0.5, -0.25) },
  });
  return id;
}

describe('CarriedSubmissions', () => {
  it('reads out only what waits and is not being sent, opened, with whether its step may have arrived', async () => {
    const clock = new ManualClock();
    const { queue } = openTestQueue(clock);
    const [waiting, unanswered, sending, done] = [enqueue(queue), enqueue(queue), enqueue(queue), enqueue(queue)];
    queue.finishAttempt(await queue.beginAttempt(unanswered), 'lost', 0, {
      kind: 'retry_wait',
      error: { class: 'transient', code: 'provider_timeout', httpStatus: null, detail: null },
      nextAttemptAt: clock.now().getTime() + 60_000,
    });
    queue.finishAttempt(await queue.beginAttempt(done), 'complete', 200, { kind: 'done', outcome: null });
    const candidates = queue.carried.handoverCandidates((id) => id === sending);
    expect(candidates.map((item) => [item.id, item.stepMayHaveArrived])).toEqual([
      [waiting, false],
      [unanswered, true],
    ]);
    expect(candidates[0]).toMatchObject({ fields: PERSON, steps: ['upload', 'confirm'], stepIndex: 0, stepState: null });
    expect(candidates[0]?.assets.map((asset) => asset.bytes.equals(face(0)))).toEqual([true]);
  });

  it('closes carried submissions for good in one durable commit, and tells of their faces only once it committed', () => {
    const { queue } = openTestQueue(new ManualClock());
    const [first, second] = [enqueue(queue), enqueue(queue)];
    const forgotten: string[][] = [];
    queue.onFacesForgotten((ids) => forgotten.push([...ids]));
    queue.discard(second, 'test');
    forgotten.length = 0;
    // One of them is no longer waiting: nothing changes, nobody is told.
    expect(() => queue.carried.markHandedOver([first, second])).toThrow(`Submission ${second} is no longer waiting; nothing was handed over.`);
    expect(queue.summary(first)?.state).toBe('queued');
    expect(forgotten).toEqual([]);
    queue.carried.markHandedOver([first]);
    expect(queue.detail(first)).toMatchObject({ state: 'handed_over', fields: {}, assets: [], label: first });
    expect(queue.keptFaces()).toEqual([]);
    expect(forgotten).toEqual([[first]]);
  });

  it('queues what a file brings at its step, keeps what is already here, and takes back what it handed over', () => {
    const { queue: exporting } = openTestQueue(new ManualClock());
    const { queue: receiving } = openTestQueue(new ManualClock());
    const [carried, returning] = [enqueue(exporting), enqueue(receiving)];
    const [item] = exporting.carried.handoverCandidates(() => false) as [CarriedSubmission];
    const [handedOver] = receiving.carried.handoverCandidates(() => false) as [CarriedSubmission];
    receiving.carried.markHandedOver([returning]);
    const alreadyHere = enqueue(receiving);
    const [kept] = receiving.carried.handoverCandidates(() => false) as [CarriedSubmission];

    const arriving: CarriedSubmission = { ...item, stepIndex: 1, stepState: { uploaded: 1 }, stepMayHaveArrived: true, shortReference: kept.shortReference };
    expect(receiving.carried.importCarried([arriving, handedOver, kept], 'OF')).toEqual({ added: [carried, returning], alreadyHere: [alreadyHere] });
    // Its reference was taken here: it gets one of this station's.
    expect(receiving.summary(carried)).toMatchObject({
      state: 'queued',
      operatorId: null,
      step: { index: 2, name: 'confirm' },
      shortReference: expect.stringMatching(/^OF-/),
    });
    expect(receiving.loadForSync(carried)).toMatchObject({ fields: PERSON, stepState: { uploaded: 1 } });
    expect(receiving.assets(carried, 'face')[0]?.bytes.equals(face(0))).toBe(true);
    expect(receiving.detail(returning)).toMatchObject({ state: 'queued', fields: PERSON, shortReference: handedOver.shortReference });
  });

  it('has the receiving station reconcile a step whose answer the exporting one never got', async () => {
    const { queue: exporting } = openTestQueue(new ManualClock());
    const { queue: receiving } = openTestQueue(new ManualClock());
    const id = enqueue(exporting);
    const [item] = exporting.carried.handoverCandidates(() => false) as [CarriedSubmission];
    receiving.carried.importCarried([{ ...item, stepMayHaveArrived: true }], 'ST');
    expect((await receiving.beginAttempt(id)).previousAttemptInFlight).toBe(true);
  });
});
