import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../electron/services/clock.js';
import { startEmulators, type RunningEmulators } from '../emulators/index.js';
import { face, openTestQueue, photoRegistryInput, silentLog } from '../queue/support.js';
import { nikOf, risetEnrollment, risetSyncEngine, stationSyncEngine } from './e2e-support.js';

const SUBMISSIONS = 120;
// 40 % of API requests faulted. Hangs are never answered: only the engine's timeout ends them.
// Resets on enroll-face are "applied, then reset", so a lost answer often means it landed.
const FAULTS = { hangRate: 0.1, resetRate: 0.15, errorRate: 0.15, retryAfterSeconds: 1 };
// Well above the emulator's work on a cached face (milliseconds), so only hangs time out: a timeout
// shorter than the work would let the provider apply a request the station believes lost and has
// already retried (ASSUMPTIONS.md, latencyMs), which no client without an idempotency key can tell apart.
const REQUEST_TIMEOUT_MS = 1500;
const POLICY = { concurrencyPerProvider: 4, requestTimeoutMs: REQUEST_TIMEOUT_MS, backoff: { baseMs: 50, capMs: 800, retryAfterCapMs: 1000 }, tickMs: 200 };

/** Waits until every submission is done; fails at once if one comes back needing attention. */
async function untilAllDone(queue: { counts(): Record<string, number> }, total: number): Promise<void> {
  for (let waited = 0; (queue.counts().done ?? 0) < total && waited < 150_000; waited += 100) {
    expect(queue.counts().needs_attention).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let emulators: RunningEmulators;
beforeAll(async () => {
  emulators = await startEmulators({ faults: { 'riset-pedulilindungi': FAULTS, 'photo-registry': FAULTS }, seed: 7, photoRegistryProcessingMs: 100 });
});
afterAll(async () => {
  await emulators.close();
});

describe('sync under injected faults', () => {
  it('delivers every submission exactly once according to the emulator request log', async () => {
    const { queue } = openTestQueue(systemClock);
    const { engine, service } = risetSyncEngine({
      store: queue,
      endpoint: emulators.urls['riset-pedulilindungi'],
      log: silentLog,
      policy: POLICY,
    });
    // Human's results are cached by the uploaded bytes: three faces keep the emulator quick.
    const photos = [face(0), face(1), face(2)];
    for (let n = 0; n < SUBMISSIONS; n++) service.enqueue(risetEnrollment(n, photos[n % photos.length] ?? face(0)), 'op-1');
    engine.start();
    try {
      await untilAllDone(queue, SUBMISSIONS);
    } finally {
      engine.stop();
    }
    expect(queue.counts()).toMatchObject({ done: SUBMISSIONS, needs_attention: 0, queued: 0, retry_wait: 0, sending: 0 });

    const accepted = Array.from({ length: SUBMISSIONS }, (_, n) => emulators.acceptedCount('riset-pedulilindungi', nikOf(n)));
    expect(accepted.filter((count) => count !== 1)).toEqual([]);

    const log = emulators.requestLog('riset-pedulilindungi');
    const faulted = log.filter((entry) => entry.fault !== null);
    const kinds = new Set(faulted.map((entry) => entry.fault));
    expect(faulted.length / log.length).toBeGreaterThanOrEqual(0.3);
    expect(kinds).toEqual(new Set(['hang', 'reset', 'error']));
    // Some enrollments landed with their answer lost (reset after applying) and were reconciled, not resent.
    const appliedThenReset = log.filter((entry) => entry.route.includes('enroll-face') && entry.fault === 'reset' && entry.accepted);
    expect(appliedThenReset.length).toBeGreaterThan(0);
    console.info(
      `fault run: ${log.length} requests, ${faulted.length} faulted (${[...kinds].map((kind) => `${kind} ${faulted.filter((entry) => entry.fault === kind).length}`).join(', ')}), ${appliedThenReset.length} enrollments applied then reset`,
    );
  });

  it('resumes multi-step photo-registry enrollments at their step: one confirmation per user, a photo stored twice only after a lost answer', async () => {
    const users = 30;
    const { queue, store } = openTestQueue(systemClock);
    const { engine, service } = stationSyncEngine({
      store: queue,
      provider: 'photo-registry',
      endpoint: emulators.urls['photo-registry'],
      credentials: { bearerToken: 'emulator-photo-registry-secret' },
      log: silentLog,
      policy: POLICY,
      adapterOptions: { photoRegistry: { pollIntervalMs: 50, resultDeadlineMs: 60_000 } },
    });
    const userId = (n: number): string => `fault-user-${n}`;
    // Delivered submissions lose their identity fields (retention 0), so the user id is kept here.
    const userOf = new Map<string, string>();
    for (let n = 0; n < users; n++) userOf.set(service.enqueue(photoRegistryInput(userId(n), [face(5), face(5), face(5), face(5)]), 'op-1').id, userId(n));
    engine.start();
    try {
      await untilAllDone(queue, users);
    } finally {
      engine.stop();
    }
    expect(queue.counts()).toMatchObject({ done: users, needs_attention: 0 });
    expect(queue.list({ states: ['done'], limit: users, offset: 0 }).items.every((item) => item.outcome?.verdict === 'accepted')).toBe(true);
    // The API cannot list a user's photos, so an upload whose answer was lost (no answer within the
    // timeout) is sent again and may be stored twice; the confirmation is reconciled by /check.
    const lostUploads = store.db.prepare(
      `SELECT COUNT(*) AS n FROM submission_steps WHERE submission_id = ? AND step LIKE 'upload-%' AND (outcome = 'lost' OR outcome IS NULL)`,
    );
    const extraPhotos: number[] = [];
    for (const item of queue.list({ limit: users, offset: 0 }).items) {
      const user = userOf.get(item.id) ?? '';
      const requests = emulators.requestLog('photo-registry').filter((entry) => entry.userId === user);
      expect(
        requests.filter((entry) => entry.route === '/confirm' && entry.accepted),
        user,
      ).toHaveLength(1);
      const stored = requests.filter((entry) => entry.route === '/upload' && entry.accepted).length;
      expect(stored, user).toBeGreaterThanOrEqual(4);
      expect(stored - 4, user).toBeLessThanOrEqual((lostUploads.get(item.id) as { n: number }).n);
      extraPhotos.push(stored - 4);
    }
    const log = emulators.requestLog('photo-registry');
    const faulted = log.filter((entry) => entry.fault !== null);
    expect(faulted.length / log.length).toBeGreaterThanOrEqual(0.3);
    expect(new Set(faulted.map((entry) => entry.fault))).toEqual(new Set(['hang', 'reset', 'error']));
    console.info(
      `photo-registry fault run: ${log.length} requests, ${faulted.length} faulted, ${extraPhotos.reduce((sum, n) => sum + n, 0)} photos stored twice after a lost answer`,
    );
  });
});
