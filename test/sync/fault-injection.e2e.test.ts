import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../electron/services/clock.js';
import { startEmulators, type RunningEmulators } from '../emulators/index.js';
import { face, openTestQueue, silentLog } from '../queue/support.js';
import { nikOf, risetEnrollment, risetSyncEngine } from './e2e-support.js';

const SUBMISSIONS = 120;
// 40 % of API requests faulted. Hangs are never answered: only the engine's timeout ends them.
// Resets on enroll-face are "applied, then reset", so a lost answer often means it landed.
const FAULTS = { hangRate: 0.1, resetRate: 0.15, errorRate: 0.15, retryAfterSeconds: 1 };
// Well above the emulator's work on a cached face (milliseconds), so only hangs time out: a timeout
// shorter than the work would let the provider apply a request the station believes lost and has
// already retried (ASSUMPTIONS.md, latencyMs), which no client without an idempotency key can tell apart.
const REQUEST_TIMEOUT_MS = 1500;

let emulators: RunningEmulators;
beforeAll(async () => {
  emulators = await startEmulators({ faults: { 'riset-pedulilindungi': FAULTS }, seed: 7 });
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
      policy: { concurrencyPerProvider: 4, requestTimeoutMs: REQUEST_TIMEOUT_MS, backoff: { baseMs: 50, capMs: 800, retryAfterCapMs: 1000 }, tickMs: 200 },
    });
    // Human's results are cached by the uploaded bytes: three faces keep the emulator quick.
    const photos = [face(0), face(1), face(2)];
    for (let n = 0; n < SUBMISSIONS; n++) service.enqueue(risetEnrollment(n, photos[n % photos.length] ?? face(0)), 'op-1');
    engine.start();
    try {
      for (let waited = 0; queue.counts().done < SUBMISSIONS && waited < 150_000; waited += 100) {
        expect(queue.counts().needs_attention).toBe(0);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
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
});
