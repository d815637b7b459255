// npx tsx test/bench/duplicate-face-bench.ts — the duplicate-face check (1:N) over 10,000 kept
// enrollments in a real station database: the first check, which unseals them all, and the
// checks after it, which compare in memory (the bound is 50 ms). Not a test: it prints numbers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PROVIDERS } from '../../shared/providers/index.js';
import { systemClock } from '../../electron/services/clock.js';
import { FaceDescriptorTable } from '../../electron/services/duplicates/face-descriptor-table.js';
import { identityKey } from '../../electron/services/duplicates/identity-key.js';
import { QueueService } from '../../electron/services/queue/queue-service.js';
import { QueueStore } from '../../electron/services/queue/queue-store.js';
import { openStore } from '../../electron/services/store/database.js';
import { loadOrCreateDataKey } from '../../electron/services/vault/data-key.js';
import { createFileKeyStore } from '../../electron/services/vault/file-key-store.js';
import { Vault } from '../../electron/services/vault/vault.js';
import { faceEngine } from '../emulators/face-engine.js';
import { decodeJpeg, encodeJpeg, SAMPLE_PEOPLE_COUNT, samplePerson, samplePersonVariant } from '../fixtures/faces.js';
import { settingsFor, silentLog } from '../queue/fixtures.js';

const KEPT = 10_000;
const CHECKS = 200;
const PROVIDER = 'riset-pedulilindungi' as const;
const FIELDS = PROVIDERS[PROVIDER].operations.enroll?.fields ?? [];

const percentile = (samples: number[], p: number): number =>
  [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))] ?? Number.NaN;
const ms = (value: number): string => `${value.toFixed(2)} ms`;
const nik = (n: number): string => `3273${String(n).padStart(12, '0')}`;

// Real descriptors of the sample people (the kept ones) and of another photo of each (the probes).
const engine = await faceEngine();
const describe = async (image: Parameters<typeof encodeJpeg>[0]): Promise<number[]> => {
  const descriptor = (await engine.analyze(decodeJpeg(encodeJpeg(image)))).descriptor;
  if (!descriptor) throw new Error('a sample person without a descriptor');
  return descriptor;
};
const people: number[][] = [];
const probes: number[][] = [];
for (let person = 0; person < SAMPLE_PEOPLE_COUNT; person++) {
  people.push(await describe(samplePerson(person)));
  probes.push(await describe(samplePersonVariant(person)));
}

// The rest are strangers: faceres values lie in 0..about 2.3; uniform 0..1.2 puts two of them at a similarity near 0.1, like different people.
let seed = 7;
const random = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const stranger = (): Float32Array => Float32Array.from({ length: 1024 }, () => random() * 1.2);

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'duplicate-face-bench-'));
try {
  const { db } = openStore(path.join(folder, 'station.db'));
  const vault = new Vault(loadOrCreateDataKey(db, createFileKeyStore(folder, silentLog), systemClock));
  const store = new QueueStore(db, vault, systemClock);

  // 10,000 kept enrollments written directly (the station's enqueue fsyncs each one): the sample people among strangers.
  const table = new FaceDescriptorTable(db, vault);
  const submission = db.prepare(
    `INSERT INTO submissions (id, operation, provider, state, fields, capture, consent_at, steps, created_at, updated_at, short_reference)
     VALUES (?, 'enroll', ?, 'queued', x'', '{}', ?, '[]', ?, ?, ?)`,
  );
  const at = new Date().toISOString();
  db.transaction(() => {
    for (let n = 0; n < KEPT; n++) {
      const id = `kept-${n}`;
      const person = n < people.length ? people[n] : undefined;
      submission.run(id, PROVIDER, at, at, at, `ST-${String(n).padStart(8, '0')}`);
      const descriptor = person ? Float32Array.from(person) : stranger();
      table.insert(id, PROVIDER, table.seal(id, { identity: identityKey(FIELDS, { nik: nik(n) }), descriptor }));
    }
  })();

  const service = new QueueService({
    store,
    engine: { changed: () => undefined } as never,
    declarations: PROVIDERS,
    adapters: { [PROVIDER]: { steps: () => ['enroll'] } } as never,
    settings: () => settingsFor(PROVIDER),
    clock: systemClock,
  });
  // Each probe is a sample person's other photo under a new NIK: one match each.
  const probeDescriptors = probes.map((probe) => Float32Array.from(probe));
  const check = (n: number) =>
    service.duplicatesOf({ operation: 'enroll', fields: { nik: nik(KEPT + n) }, descriptor: probeDescriptors[n % probeDescriptors.length] ?? null });

  let started = performance.now();
  const first = check(0);
  const firstMs = performance.now() - started;
  const samples: number[] = [];
  // CPU time too: on a machine shared with other work, wall time also counts the waits for a core.
  const cpuSamples: number[] = [];
  let found = 0;
  for (let n = 0; n < CHECKS; n++) {
    const cpu = process.cpuUsage();
    started = performance.now();
    found += check(n).length;
    samples.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpuSamples.push((used.user + used.system) / 1000);
  }
  console.log(`duplicate-face check over ${KEPT} kept descriptors (1024 floats each), ${CHECKS} checks:`);
  console.log(`  first check (unseals all ${KEPT} from the database): ${ms(firstMs)}, ${first.length} match`);
  console.log(
    `  each check after it: median ${ms(percentile(samples, 50))}, p95 ${ms(percentile(samples, 95))}, max ${ms(Math.max(...samples))} (bound: 50 ms)`,
  );
  console.log(`  CPU time per check: median ${ms(percentile(cpuSamples, 50))}, p95 ${ms(percentile(cpuSamples, 95))}`);
  console.log(`  load average while measuring: ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores`);
  console.log(`  matches found: ${found} of ${CHECKS} probes (each probe is one kept person's other photo)`);
  store.close();
  db.close();
} finally {
  fs.rmSync(folder, { recursive: true, force: true });
}
process.exit(0);
