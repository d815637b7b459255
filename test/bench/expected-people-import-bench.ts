// npx tsx test/bench/expected-people-import-bench.ts — a 5 MiB CSV of expected people (GLAIR's
// nik,name,dateOfBirth) imported into a real station database, as a supervisor's import runs in
// main: how long the whole import takes and the longest stretch the event loop had no turn (IPC,
// sync timers and the window wait for that long), in wall time and in this process's CPU time (on a
// shared machine the wall time of a stretch grows with the other processes' load; its CPU time does
// not). Next to it, the baseline of one synchronous csv-parse over the same text, as the import did
// before it took turns. Not a test: it prints numbers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse/sync';
import { MAX_EXPECTED_PEOPLE_CSV } from '../../shared/contract/expected-people.js';
import { PROVIDERS } from '../../shared/providers/index.js';
import { systemClock } from '../../electron/services/clock.js';
import { ExpectedPeopleStore } from '../../electron/services/expected-people/expected-people-store.js';
import { importExpectedPeople } from '../../electron/services/expected-people/import-expected-people.js';
import { openStore } from '../../electron/services/store/database.js';
import { loadOrCreateDataKey } from '../../electron/services/vault/data-key.js';
import { createFileKeyStore } from '../../electron/services/vault/file-key-store.js';
import { Vault } from '../../electron/services/vault/vault.js';
import { expectedPeopleCsv } from '../expected-people/large-csv.js';
import { silentLog } from '../queue/fixtures.js';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'expected-people-bench-'));
const store = openStore(path.join(folder, 'station.db'));
const people = new ExpectedPeopleStore(store.db, new Vault(loadOrCreateDataKey(store.db, createFileKeyStore(folder, silentLog), systemClock)), systemClock);
const csv = expectedPeopleCsv(MAX_EXPECTED_PEOPLE_CSV);

const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** The longest gap between two turns of the event loop while `work` runs, in wall and CPU time. */
async function longestStall(
  work: () => unknown,
): Promise<{ totalMs: number; totalCpuMs: number; longestStallMs: number; longestStallCpuMs: number; turns: number }> {
  let last = performance.now();
  let lastCpu = cpuMs();
  let longest = 0;
  let longestCpu = 0;
  let turns = 0;
  let running = true;
  const tick = (): void => {
    const now = performance.now();
    const cpu = cpuMs();
    longest = Math.max(longest, now - last);
    longestCpu = Math.max(longestCpu, cpu - lastCpu);
    last = now;
    lastCpu = cpu;
    turns++;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  const started = performance.now();
  const startedCpu = cpuMs();
  await work();
  const totalMs = performance.now() - started;
  const totalCpuMs = cpuMs() - startedCpu;
  running = false;
  tick();
  return { totalMs, totalCpuMs, longestStallMs: longest, longestStallCpuMs: longestCpu, turns };
}

const line = (label: string, result: Awaited<ReturnType<typeof longestStall>>): string =>
  `${label}: ${result.totalMs.toFixed(0)} ms (${result.totalCpuMs.toFixed(0)} ms CPU), longest event-loop stall ${result.longestStallMs.toFixed(0)} ms (${result.longestStallCpuMs.toFixed(0)} ms CPU), ${result.turns} turns of the loop meanwhile`;

const baseline = await longestStall(() => parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true, info: true }));
const result = await longestStall(() => importExpectedPeople(people, 'glair-ktp', PROVIDERS['glair-ktp'], csv));
const listed = people.counts('glair-ktp').listed;
console.log(
  `${(Buffer.byteLength(csv) / 1024 / 1024).toFixed(2)} MiB, ${listed} people, load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores`,
);
console.log(line('baseline, one synchronous csv-parse of the text', baseline));
console.log(line('import (parse, check, seal, write)', result));
store.db.close();
fs.rmSync(folder, { recursive: true, force: true });
