import { spawn } from 'node:child_process';
import path from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../electron/services/clock.js';
import { startEmulators, type RunningEmulators } from '../emulators/index.js';
import { face, openTestQueue, silentLog } from '../queue/support.js';
import { nikOf, risetEnrollment, risetSyncEngine } from './e2e-support.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SUBMISSIONS = 220;
const MIN_KILLS = 20;
// Every answer waits 60 ms after the work is done: a kill in that window is a request applied at
// the provider whose answer the station never read, the case reconciliation exists for.
const LATENCY_MS = 60;

// Bundled once, so a restart costs a plain node start, not a TypeScript transform of every module
// (seconds on a loaded machine). Inside node_modules, so the bundle finds better-sqlite3.
const WORKER_BUNDLE = path.join(ROOT, 'node_modules/.cache/station-tests/crash-worker.mjs');

let emulators: RunningEmulators;
beforeAll(async () => {
  await build({
    entryPoints: [path.join(ROOT, 'test/sync/crash-worker.ts')],
    outfile: WORKER_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    external: ['better-sqlite3'],
    // pino and better-sqlite3 are CommonJS and require node built-ins.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'error',
  });
  emulators = await startEmulators({ faults: { 'riset-pedulilindungi': { latencyMs: LATENCY_MS } } });
});
afterAll(async () => {
  await emulators.close();
});

/** Starts the sync engine in its own process; resolves once it is sending. */
async function startWorker(dataDir: string, endpoint: string) {
  const child = spawn(process.execPath, [WORKER_BUNDLE, dataDir, endpoint], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  await new Promise<void>((resolve, reject) => {
    const check = (): void => {
      if (output.includes('ready')) resolve();
    };
    child.stdout.on('data', check);
    void exited.then(() => (output.includes('ready') ? resolve() : reject(new Error(`worker died before starting:\n${output}`))));
  });
  return { child, exited, output: () => output };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('sync engine killed at random moments', () => {
  it(`loses and duplicates nothing across ${MIN_KILLS} SIGKILLs during ${SUBMISSIONS} enrollments`, async () => {
    const endpoint = emulators.urls['riset-pedulilindungi'];
    const { folder, queue, store } = openTestQueue(systemClock);
    // The station side enqueues (its engine not started); from then on the database is the only link to the workers.
    const { service } = risetSyncEngine({ store: queue, endpoint, log: silentLog, policy: {} });
    const photos = [face(0), face(1), face(2)];
    for (let n = 0; n < SUBMISSIONS; n++) service.enqueue(risetEnrollment(n, photos[n % photos.length] ?? face(0)), 'op-1');
    store.db.close();

    const killedAfterMs: number[] = [];
    for (;;) {
      const worker = await startWorker(folder, endpoint);
      if (killedAfterMs.length >= MIN_KILLS) {
        const [code] = await worker.exited;
        expect(code, worker.output()).toBe(0);
        break;
      }
      const delay = Math.floor(Math.random() * 250);
      const first = await Promise.race([worker.exited.then(() => 'exited' as const), sleep(delay).then(() => 'kill' as const)]);
      if (first === 'exited') throw new Error(`the worker ended on its own after ${killedAfterMs.length} kills:\n${worker.output()}`);
      worker.child.kill('SIGKILL');
      await worker.exited;
      killedAfterMs.push(delay);
    }

    const after = openTestQueue(systemClock, folder);
    expect(after.queue.counts()).toMatchObject({ done: SUBMISSIONS, needs_attention: 0, queued: 0, sending: 0, retry_wait: 0, discarded: 0 });
    const accepted = Array.from({ length: SUBMISSIONS }, (_, n) => emulators.acceptedCount('riset-pedulilindungi', nikOf(n)));
    expect(
      accepted.filter((count) => count !== 1),
      `kills after ${killedAfterMs.join(', ')} ms`,
    ).toEqual([]);
    // Kills landed mid-request: attempts whose outcome was never recorded.
    const interrupted = (after.store.db.prepare('SELECT COUNT(*) AS n FROM submission_steps WHERE outcome IS NULL').get() as { n: number }).n;
    expect(interrupted).toBeGreaterThan(0);
    const enrolls = emulators.requestLog('riset-pedulilindungi').filter((entry) => entry.route.includes('enroll-face'));
    const appliedUnanswered = enrolls.filter((entry) => entry.accepted && entry.status === 0).length;
    console.info(
      `crash run: ${killedAfterMs.length} kills, ${interrupted} attempts cut off, ${enrolls.length} enroll requests, ${appliedUnanswered} applied but never answered`,
    );
  });
});
