import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PROVIDERS } from '../../shared/providers/index.js';
import type { QueueStore } from '../../electron/services/queue/queue-store.js';
import { validateSubmission } from '../../electron/services/queue/submission-validation.js';
import { DeliveredRetention } from '../../electron/services/sync/delivered-retention.js';
import { face, glairInput, ManualClock, openTestQueue } from '../queue/support.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const PERSON = { nik: '3273012807850001', name: 'BUDI SANTOSO', dateOfBirth: '28-07-1985' };

async function deliver(queue: QueueStore): Promise<string> {
  const id = randomUUID();
  queue.enqueue({
    ...validateSubmission(glairInput(PERSON, Buffer.concat([face(0), Buffer.alloc(300_000, 7)])), 'glair-ktp', PROVIDERS),
    id,
    operatorId: null,
    steps: ['verify'],
  });
  queue.finishAttempt(await queue.beginAttempt(id), 'complete', 200, { kind: 'done', outcome: null });
  return id;
}

function retention(queue: QueueStore, clock: ManualClock, days: number) {
  const deleted: string[] = [];
  const schedule = new DeliveredRetention({ queue, retentionDays: () => days, clock, onDeleted: (ids) => deleted.push(...ids) });
  return { schedule, deleted };
}

const kept = (queue: QueueStore, id: string): number => queue.detail(id).assets.length;

afterEach(() => {
  vi.useRealTimers();
});

describe('delivered retention', () => {
  it('with no retention days, deletes what was delivered within a second, in one batch', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const clock = new ManualClock();
    const { queue } = openTestQueue(clock);
    const { schedule, deleted } = retention(queue, clock, 0);
    const first = await deliver(queue);
    schedule.delivered();
    const second = await deliver(queue);
    schedule.delivered();
    vi.advanceTimersByTime(999);
    expect([kept(queue, first), kept(queue, second)]).toEqual([1, 1]);
    vi.advanceTimersByTime(1);
    expect(deleted.sort()).toEqual([first, second].sort());
    expect(queue.detail(first)).toMatchObject({ assets: [], fields: {} });
  });

  it('deletes a batch still waiting when it stops, and nothing when none waits', async () => {
    const clock = new ManualClock();
    const { queue } = openTestQueue(clock);
    const { schedule, deleted } = retention(queue, clock, 0);
    const id = await deliver(queue);
    schedule.stop();
    expect(deleted).toEqual([]);
    schedule.delivered();
    schedule.stop();
    expect(deleted).toEqual([id]);
    expect(kept(queue, id)).toBe(0);
  });

  it('keeps delivered biometrics for the retention days, then deletes them on the timer and gives the space back on the next', async () => {
    const clock = new ManualClock();
    const { queue, file } = openTestQueue(clock);
    const { schedule, deleted } = retention(queue, clock, 2);
    const id = await deliver(queue);
    schedule.delivered();
    schedule.stop();
    schedule.tick();
    expect(kept(queue, id)).toBe(1);
    clock.advance(2 * DAY_MS);
    schedule.tick();
    expect(deleted).toEqual([id]);
    expect(queue.detail(id)).toMatchObject({ assets: [], fields: {} });
    // The same tick gave the pages back: the WAL that held the deletion was checkpointed and truncated.
    expect(fs.statSync(`${file}-wal`).size).toBe(0);
  });
});
