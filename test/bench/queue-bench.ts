// npm run bench:queue — how the queue compares with doing the same work by hand, both measured
// in the same run: enqueueing a 4-photo enrollment vs a raw better-sqlite3 insert of the same
// bytes, and syncing through the engine vs a bare fetch loop sending the same payloads to the
// emulator with the same concurrency. Not a test: it prints numbers.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { contract } from '../../shared/contract/index.js';
import type { SubmitInput } from '../../shared/contract/queue.js';
import { decodeFrame, encodeFrame } from '../../electron/preview-host/message-frames.js';
import { systemClock } from '../../electron/services/clock.js';
import { QueueStore } from '../../electron/services/queue/queue-store.js';
import { openStore } from '../../electron/services/store/database.js';
import { risetTransactionId } from '../../electron/services/sync/adapters/riset-pedulilindungi.js';
import { loadOrCreateDataKey } from '../../electron/services/vault/data-key.js';
import { createFileKeyStore } from '../../electron/services/vault/file-key-store.js';
import { Vault } from '../../electron/services/vault/vault.js';
import { face, photoRegistryInput, silentLog } from '../queue/fixtures.js';
import { nameOf, nikOf, RISET_CREDENTIALS, risetEnrollment, risetSyncEngine, stationSyncEngine } from '../sync/e2e-support.js';

const ENQUEUES = 300;
const LARGE_QUEUE = 10_000;
const DRAIN = 2_000;
const SYNCS = 200;
const CONCURRENCY = 4;
const ROUNDS = 5;

const percentile = (samples: number[], p: number): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const ms = (value: number): string => `${value.toFixed(2)} ms`;

function openStationQueue(folder: string): { store: QueueStore; db: Database; close: () => void } {
  const { db } = openStore(path.join(folder, 'station.db'));
  const vault = new Vault(loadOrCreateDataKey(db, createFileKeyStore(folder, silentLog), systemClock));
  return { store: new QueueStore(db, vault, systemClock), db, close: () => db.close() };
}

/** A queue.submit input as the preview host reads it off its WebSocket: the browser bridge's frame, decoded. */
function previewMessage(input: SubmitInput): unknown {
  const frame = encodeFrame({ type: 'invoke', id: 1, channel: 'queue.submit', input });
  return (decodeFrame(frame) as { input: unknown }).input;
}

/** The same database settings as the station's enqueue (WAL, fsync at commit), holding plain bytes. */
function openRawBaseline(folder: string): {
  insert: (id: string, fields: string, photos: readonly Buffer[]) => void;
  deleteAllAndVacuum: () => void;
  close: () => void;
} {
  const db = new BetterSqlite3(path.join(folder, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE submissions (id TEXT PRIMARY KEY, fields TEXT NOT NULL, created_at TEXT NOT NULL) STRICT;
    CREATE TABLE assets (submission_id TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (submission_id, seq)) STRICT;`);
  const submission = db.prepare('INSERT INTO submissions (id, fields, created_at) VALUES (?, ?, ?)');
  const asset = db.prepare('INSERT INTO assets (submission_id, seq, data) VALUES (?, ?, ?)');
  const insert = db.transaction((id: string, fields: string, photos: readonly Buffer[]) => {
    submission.run(id, fields, new Date().toISOString());
    photos.forEach((photo, seq) => asset.run(id, seq, photo));
  });
  return {
    insert: (id, fields, photos) => insert(id, fields, photos),
    // The alternative to incremental vacuum: delete, then rewrite the whole file.
    deleteAllAndVacuum: () => {
      db.exec('DELETE FROM assets');
      db.exec('VACUUM');
    },
    close: () => db.close(),
  };
}

async function benchEnqueue(folder: string): Promise<void> {
  const photos = [face(0), face(1), face(2), face(3)];
  const input = photoRegistryInput('bench-user', photos);
  const station = openStationQueue(folder);
  // The engine is never started: this measures validation, encryption and the transaction, not sending.
  const { service } = stationSyncEngine({
    store: station.store,
    provider: 'photo-registry',
    endpoint: 'http://127.0.0.1:9',
    credentials: {},
    log: silentLog,
    policy: {},
  });
  const raw = openRawBaseline(folder);
  const queued: number[] = [];
  const submitted: number[] = [];
  const checked: number[] = [];
  const ids: string[] = [];
  const inserted: number[] = [];
  const submitInput = contract.channels['queue.submit'].input;
  for (let n = 0; n < ENQUEUES; n++) {
    // Interleaved, so all three see the same machine load.
    let start = performance.now();
    ids.push(service.enqueue({ ...input, fields: { userId: `bench-user-${n}` } }, 'op-1').id);
    queued.push(performance.now() - start);
    // What main does with a queue.submit that arrives over the preview's WebSocket: read the message,
    // check it against the contract, enqueue.
    start = performance.now();
    const message = previewMessage({ ...input, fields: { userId: `bench-submit-${n}` } });
    ids.push(service.enqueue(submitInput.parse(message), 'op-1').id);
    submitted.push(performance.now() - start);
    // The same without the store: what the bridge and the contract add, apart from the fsync'd transaction.
    start = performance.now();
    submitInput.parse(previewMessage({ ...input, fields: { userId: `bench-check-${n}` } }));
    checked.push(performance.now() - start);
    start = performance.now();
    raw.insert(`raw-${n}`, JSON.stringify({ userId: `bench-user-${n}` }), photos);
    inserted.push(performance.now() - start);
  }
  const reclaim = await benchReclaim(folder, station.store, ids, raw.deleteAllAndVacuum);
  station.close();
  raw.close();
  const bytes = photos.reduce((sum, photo) => sum + photo.length, 0);
  console.log(`\nEnqueue of a 4-photo enrollment (${(bytes / 1024).toFixed(0)} KiB of JPEG), ${ENQUEUES} each, interleaved:`);
  console.log(`  queue.enqueue   p50 ${ms(percentile(queued, 50))}  p99 ${ms(percentile(queued, 99))}`);
  console.log(
    `  queue.submit    p50 ${ms(percentile(submitted, 50))}  p99 ${ms(percentile(submitted, 99))}  (the preview's message read, the contract's check, then enqueue)`,
  );
  console.log(`  read + check    p50 ${ms(percentile(checked, 50))}  p99 ${ms(percentile(checked, 99))}  (queue.submit without the enqueue)`);
  console.log(`  raw insert      p50 ${ms(percentile(inserted, 50))}  p99 ${ms(percentile(inserted, 99))}`);
  const ratio = (samples: number[]) =>
    `p50 ${(percentile(samples, 50) / percentile(inserted, 50)).toFixed(2)}x  p99 ${(percentile(samples, 99) / percentile(inserted, 99)).toFixed(2)}x`;
  console.log(`  ratio enqueue   ${ratio(queued)}  (goal: within 1.5x)`);
  console.log(`  ratio submit    ${ratio(submitted)}`);
  console.log(`\nRetention: the biometrics of those ${ENQUEUES} enrollments deleted once delivered:`);
  console.log(`  delete rows     ${ms(reclaim.deleteMs)}`);
  console.log(
    `  reclaim         ${ms(reclaim.reclaimMs)} (incremental_vacuum + WAL truncate), file ${reclaim.beforeMiB.toFixed(1)} MiB -> ${reclaim.afterMiB.toFixed(1)} MiB`,
  );
  console.log(`  raw: delete + full VACUUM of the same bytes ${ms(reclaim.vacuumMs)}`);
}

/** Delivers every enqueued submission, then times the retention purge and the space reclaim. */
async function benchReclaim(folder: string, store: QueueStore, ids: readonly string[], deleteAllAndVacuum: () => void) {
  for (const id of ids) store.finishAttempt(await store.beginAttempt(id), 'complete', 200, { kind: 'done', outcome: null });
  store.reclaimSpace();
  const size = (): number =>
    ['station.db', 'station.db-wal'].reduce((sum, file) => sum + (fs.statSync(path.join(folder, file), { throwIfNoEntry: false })?.size ?? 0), 0) / 2 ** 20;
  const beforeMiB = size();
  let start = performance.now();
  store.deleteDeliveredAssets(null);
  const deleteMs = performance.now() - start;
  start = performance.now();
  store.reclaimSpace();
  const reclaimMs = performance.now() - start;
  const afterMiB = size();
  start = performance.now();
  deleteAllAndVacuum();
  return { beforeMiB, afterMiB, deleteMs, reclaimMs, vacuumMs: performance.now() - start };
}

/**
 * The emulators in their own process, as a real provider is: neither side's work on this
 * process's event loop slows the provider down. One node process, so kill() stops it.
 */
async function startEmulatorProcess(latencyMs: number): Promise<{ endpoint: string; stop: () => void }> {
  const latency = latencyMs > 0 ? ['--fault', `riset-pedulilindungi:latencyMs=${latencyMs}`] : [];
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/emulators/main.ts', '--random-ports', ...latency], { stdio: ['ignore', 'pipe', 'inherit'] });
  const firstLine = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`emulators exited with ${code}`)));
  });
  const { urls } = JSON.parse(firstLine) as { urls: Record<string, string> };
  return { endpoint: urls['riset-pedulilindungi'] ?? '', stop: () => child.kill() };
}

/**
 * On loopback both sides share this machine's two cores, so the engine's own work (its database,
 * the vault) competes with the provider's; with a provider latency like a real network's, the
 * comparison is about waiting, as in the field.
 */
async function benchSync(folder: string, latencyMs: number): Promise<void> {
  const emulators = await startEmulatorProcess(latencyMs);
  const { endpoint } = emulators;
  const photo = face(0);
  let next = 0;
  // Warm the emulator's face cache, so neither side pays for the first inference.
  await bareEnroll(endpoint, next++, photo);

  const engineRun = async (round: string): Promise<number> => {
    const station = openStationQueue(fs.mkdtempSync(path.join(folder, `engine-${round}-`)));
    // Distinct submissions: a delivered one is announced again when its photos are deleted a second later.
    const delivered = new Set<string>();
    let allDelivered!: () => void;
    const finished = new Promise<void>((resolve) => (allDelivered = resolve));
    const { engine, service } = risetSyncEngine({
      store: station.store,
      endpoint,
      log: silentLog,
      policy: { concurrencyPerProvider: CONCURRENCY, requestTimeoutMs: 30_000 },
      onChange: (item) => {
        if (item?.state === 'done' && delivered.add(item.id).size === SYNCS) allDelivered();
      },
    });
    for (let n = 0; n < SYNCS; n++) service.enqueue(risetEnrollment(next++, photo), 'op-1');
    const start = performance.now();
    engine.start();
    await finished;
    const elapsed = performance.now() - start;
    engine.stop();
    station.close();
    return SYNCS / (elapsed / 1000);
  };
  const bareRun = async (): Promise<number> => {
    const numbers = Array.from({ length: SYNCS }, () => next++);
    const start = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let n = numbers.shift(); n !== undefined; n = numbers.shift()) await bareEnroll(endpoint, n, photo);
      }),
    );
    return SYNCS / ((performance.now() - start) / 1000);
  };

  // Both sides measured warm, as a station that has been running is: the bare loop's few lines
  // were compiled by the request above, the engine's far larger path (store, vault, adapter) by a
  // round of its own, untimed. Its first round otherwise ran at about 0.65x of the later ones.
  await engineRun('warm-up');
  const engineRates: number[] = [];
  const bareRates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    bareRates.push(await bareRun());
    engineRates.push(await engineRun(String(round)));
  }
  emulators.stop();
  const where = latencyMs > 0 ? `answering after ${latencyMs} ms` : 'on loopback';
  console.log(`\nSync of ${SYNCS} riset enrollments to the emulator (own process, ${where}), concurrency ${CONCURRENCY}, ${ROUNDS} alternating rounds:`);
  console.log(`  sync engine     ${engineRates.map((rate) => `${rate.toFixed(1)}/s`).join('  ')}`);
  console.log(`  bare fetch loop ${bareRates.map((rate) => `${rate.toFixed(1)}/s`).join('  ')}`);
  const ratios = engineRates.map((rate, round) => rate / (bareRates[round] ?? Number.NaN));
  console.log(
    `  ratio           ${ratios.map((ratio) => `${ratio.toFixed(2)}x`).join('  ')}  median ${percentile(ratios, 50).toFixed(2)}x  (goal: median at least 1.0x)`,
  );
}

/**
 * A station that kept 10,000 submissions (9,000 delivered): the queue screen's first page with its
 * counts, and a search by name and by short reference, against a raw SELECT of the same page.
 */
async function benchLargeQueue(folder: string): Promise<void> {
  const large = path.join(folder, 'large');
  fs.mkdirSync(large);
  const station = openStationQueue(large);
  const { service } = stationSyncEngine({
    store: station.store,
    provider: 'riset-pedulilindungi',
    endpoint: 'http://127.0.0.1:9',
    credentials: {},
    log: silentLog,
    policy: {},
  });
  const photo = face(0);
  const references: string[] = [];
  for (let n = 0; n < LARGE_QUEUE; n++) references.push(service.enqueue(risetEnrollment(n, photo), 'op-1').shortReference);
  station.db.exec(`UPDATE submissions SET state = 'done', done_at = created_at WHERE rowid % 10 <> 0`);
  const rounds = 40;
  const timed = (work: () => unknown): number[] =>
    Array.from({ length: rounds }, () => {
      const start = performance.now();
      work();
      return performance.now() - start;
    });
  const page = timed(() => service.list({ limit: 50, offset: 0 }));
  const byName = timed(() => service.list({ search: nameOf(4321).toLowerCase(), limit: 50, offset: 0 }));
  const byReference = timed(() => service.list({ search: references[8765]?.slice(3).toLowerCase(), limit: 50, offset: 0 }));
  const raw = timed(() => station.db.prepare('SELECT * FROM submissions ORDER BY created_at DESC, id LIMIT 50').all());
  station.close();
  // After a restart no label is open yet: the first search opens each once.
  const reopened = openStationQueue(large);
  const cold = stationSyncEngine({
    store: reopened.store,
    provider: 'riset-pedulilindungi',
    endpoint: 'http://127.0.0.1:9',
    credentials: {},
    log: silentLog,
    policy: {},
  });
  const start = performance.now();
  cold.service.list({ search: 'nobody by this name', limit: 50, offset: 0 });
  const firstSearch = performance.now() - start;
  reopened.close();
  console.log(`\nA queue of ${LARGE_QUEUE} submissions (${LARGE_QUEUE / 10} not yet delivered), p50 of ${rounds}:`);
  console.log(`  first page with counts  ${ms(percentile(page, 50))}  (goal: at most 30 ms)`);
  console.log(
    `  search by name          ${ms(percentile(byName, 50))}  (goal: at most 50 ms; the first search of a run, opening every label once: ${ms(firstSearch)})`,
  );
  console.log(`  search by reference     ${ms(percentile(byReference, 50))}  (goal: at most 50 ms)`);
  console.log(
    `  raw SELECT of one page  ${ms(percentile(raw, 50))}  (page ${(percentile(page, 50) / percentile(raw, 50)).toFixed(1)}x, name search ${(percentile(byName, 50) / percentile(raw, 50)).toFixed(1)}x)`,
  );
}

/**
 * A station back online with 2,000 enrollments waiting: the engine drains them to the emulator. The
 * process's RSS must not grow by more than 50 MB, and the last 500 must sync at least 0.9x the rate
 * of the first 500 (nothing that slows down as the queue's history grows).
 */
async function benchDrain(folder: string): Promise<void> {
  const emulators = await startEmulatorProcess(0);
  const station = openStationQueue(fs.mkdtempSync(path.join(folder, 'drain-')));
  const photo = face(0);
  const deliveredAt: number[] = [];
  // Distinct submissions: a delivered one is announced again when its photos are deleted a second later.
  const delivered = new Set<string>();
  let allDelivered!: () => void;
  const finished = new Promise<void>((resolve) => (allDelivered = resolve));
  const { engine, service } = risetSyncEngine({
    store: station.store,
    endpoint: emulators.endpoint,
    log: silentLog,
    policy: { concurrencyPerProvider: CONCURRENCY, requestTimeoutMs: 30_000 },
    onChange: (item) => {
      if (item?.state !== 'done' || delivered.has(item.id)) return;
      delivered.add(item.id);
      deliveredAt.push(performance.now());
      if (deliveredAt.length === DRAIN) allDelivered();
    },
  });
  for (let n = 0; n < DRAIN; n++) service.enqueue(risetEnrollment(1_000_000 + n, photo), 'op-1');
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const start = performance.now();
  engine.start();
  await finished;
  engine.stop();
  globalThis.gc?.();
  const rssAfter = process.memoryUsage().rss;
  station.close();
  emulators.stop();
  const rate = (from: number, to: number) =>
    (to - from) / (((deliveredAt[to - 1] ?? Number.NaN) - (from === 0 ? start : (deliveredAt[from - 1] ?? Number.NaN))) / 1000);
  const first = rate(0, 500);
  const last = rate(DRAIN - 500, DRAIN);
  console.log(`\nDrain of ${DRAIN} waiting riset enrollments to the emulator (own process, loopback), concurrency ${CONCURRENCY}:`);
  console.log(`  first 500 ${first.toFixed(1)}/s, last 500 ${last.toFixed(1)}/s: ${(last / first).toFixed(2)}x  (goal: at least 0.9x)`);
  console.log(
    `  RSS ${(rssBefore / 2 ** 20).toFixed(0)} MiB -> ${(rssAfter / 2 ** 20).toFixed(0)} MiB: +${((rssAfter - rssBefore) / 2 ** 20).toFixed(1)} MiB  (goal: at most 50 MB)`,
  );
}

/** What the riset adapter sends for one enrollment, by hand: one JSON POST, status checked. */
async function bareEnroll(endpoint: string, n: number, photo: Buffer): Promise<void> {
  const response = await fetch(`${endpoint}/pedulilindungi/enroll-face`, {
    method: 'POST',
    headers: { accesstoken: RISET_CREDENTIALS.accessToken, 'content-type': 'application/json' },
    body: JSON.stringify({
      nik: nikOf(n),
      user_name: nameOf(n),
      image: photo.toString('base64'),
      facegallery_id: RISET_CREDENTIALS.facegalleryId,
      trx_id: risetTransactionId(`bare-${n}`),
    }),
  });
  const body = (await response.json()) as { status: string };
  if (body.status !== '200') throw new Error(`enroll ${n} answered ${body.status}`);
}

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-bench-'));
try {
  // --enqueue-only / --sync-only: one part alone, e.g. to set two builds side by side under the same load.
  const only = (part: string) => process.argv.includes(`--${part}-only`);
  if (!only('enqueue') && !only('sync')) {
    await benchLargeQueue(folder);
    await benchDrain(folder);
  }
  if (!only('large-queue')) {
    if (!only('sync')) await benchEnqueue(folder);
    if (!only('enqueue')) {
      await benchSync(folder, 0);
      await benchSync(folder, 40);
    }
  }
} finally {
  fs.rmSync(folder, { recursive: true, force: true });
}
