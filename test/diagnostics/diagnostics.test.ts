import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChannelName } from '../../shared/contract/index.js';
import type { Result } from '../../shared/contract/result.js';
import { dispatch } from '../../electron/services/ipc/dispatch.js';
import { createLogger } from '../../electron/services/logger.js';
import { rotatedName, rotatingFile } from '../../electron/services/rotating-file.js';
import type { Station } from '../../electron/services/station.js';
import { createTestStation } from '../support/test-station.js';
import { createFileKeyStore } from '../../electron/services/vault/file-key-store.js';
import { ManualClock, tempFolder } from '../operators/support.js';
import { glairInput } from '../queue/fixtures.js';

const stations: Station[] = [];
afterEach(() => {
  for (const station of stations.splice(0)) station.close();
});

/** Every entry of the bundle as text, read by fflate's unzip (which checks each entry's CRC-32). */
function readZip(zip: Buffer): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(zip)).map(([name, data]) => [name, strFromU8(data)]));
}

/** Identity values seeded into the queue and the logs; none may reach a diagnostics bundle. */
const PERSON = { nik: '3171234567890077', name: 'Siti Rahayu Wulandari', dateOfBirth: '17-08-1990' };

async function stationWithLog() {
  const dataDir = tempFolder();
  const logFile = path.join(dataDir, 'logs', 'main.log');
  const log = createLogger({ destination: logFile });
  const clock = new ManualClock();
  const opened: string[] = [];
  const station = createTestStation({
    dataDir,
    appVersion: '1.2.3',
    clock,
    log,
    onlineProbe: () => false,
    keyStore: createFileKeyStore(dataDir, pino({ level: 'silent' })),
    fetch: () => Promise.reject(new Error('offline')),
    logFile,
    versions: { electron: '45.0.0' },
    files: { openFolder: (folder) => (opened.push(folder), Promise.resolve(true)), showFile: (file) => (opened.push(file), Promise.resolve()) },
  });
  stations.push(station);
  const call = async <T>(clientId: string, channel: ChannelName, input?: unknown) =>
    (await dispatch(station.handlers, channel, input, { clientId }, log)) as Result<T>;
  await call('sup', 'operators.setup', { name: 'Ana', secret: { kind: 'password', value: 'supervisor-pass' } });
  await call('sup', 'operators.create', { name: 'Budi', role: 'clerk', secret: { kind: 'pin', value: '135790' } });
  await call('clerk', 'operators.signIn', { name: 'Budi', secret: '135790' });
  await call('sup', 'settings.update', { providerId: 'glair-ktp', endpoint: 'https://glair.example.org' });
  return { call, log, logFile, clock, opened, dataDir };
}

describe('diagnostics for support', () => {
  it('exports a zip of versions, provisioning, settings, queue counts and redacted logs, with no identity value in it', async () => {
    const { call, log, logFile, opened } = await stationWithLog();
    expect(await call('clerk', 'queue.submit', glairInput(PERSON))).toMatchObject({ ok: true });
    // Identity values reach the log the ways they could: a careless object, an error message, a renderer error.
    log.info({ fields: { nik: PERSON.nik }, label: PERSON.name }, 'submission queued');
    log.error({ err: new Error(`provider refused NIK ${PERSON.nik} for ${PERSON.name}`), detail: `name ${PERSON.name}` }, 'provider said no');
    await call('clerk', 'diagnostics.reportError', {
      errorId: 'A1B2C3D4',
      source: 'render',
      errorName: 'TypeError',
      frames: 'at Wizard (app://station/assets/index.js:1:2)',
    });
    expect(fs.readFileSync(logFile, 'utf8')).toContain(PERSON.nik);

    const exported = await call<{ file: string }>('sup', 'diagnostics.export');
    expect(exported.ok).toBe(true);
    const file = exported.ok ? exported.value.file : '';
    expect(opened).toEqual([file]);
    const zip = fs.readFileSync(file);
    const entries = readZip(zip);
    expect(Object.keys(entries).sort()).toEqual(['logs/recent.log', 'provisioning.json', 'queue.json', 'settings.json', 'versions.json']);
    expect(JSON.parse(entries['versions.json'] ?? '{}')).toMatchObject({ app: '1.2.3', electron: '45.0.0' });
    expect(JSON.parse(entries['settings.json'] ?? '{}')).toMatchObject({ providerId: 'glair-ktp' });
    expect(JSON.parse(entries['queue.json'] ?? '{}')).toMatchObject({
      byState: { queued: 1 },
      byStateAndErrorCode: [{ state: 'queued', code: null, count: 1 }],
    });
    expect(entries['logs/recent.log']).toContain('renderer error');
    expect(entries['logs/recent.log']).toContain('A1B2C3D4');
    // The zip is stored, not compressed: a plain search of its bytes sees everything in it.
    const text = zip.toString('utf8');
    for (const value of [PERSON.nik, PERSON.name, 'Siti', 'Rahayu', PERSON.dateOfBirth, 'supervisor-pass', '135790']) expect(text).not.toContain(value);
  });

  it('only a supervisor opens the logs folder or exports', async () => {
    const { call, opened, logFile } = await stationWithLog();
    expect(await call('clerk', 'diagnostics.export')).toMatchObject({ ok: false });
    expect(await call('clerk', 'diagnostics.openLogsFolder')).toMatchObject({ ok: false });
    expect(await call('sup', 'diagnostics.openLogsFolder')).toEqual({ ok: true, value: true });
    expect(opened).toEqual([path.dirname(logFile)]);
  });

  it('hears at most ten renderer errors a minute from one window', async () => {
    const { call, clock } = await stationWithLog();
    const report = (clientId: string) =>
      call<{ logged: boolean }>(clientId, 'diagnostics.reportError', { errorId: 'ABCDEF12', source: 'uncaught', errorName: 'Error', frames: '' });
    const answers = [];
    for (let n = 0; n < 12; n += 1) answers.push(await report('clerk'));
    expect(answers.map((answer) => answer.ok && answer.value.logged)).toEqual([...Array<boolean>(10).fill(true), false, false]);
    expect(await report('sup')).toEqual({ ok: true, value: { logged: true } });
    clock.advanceMinutes(1);
    expect(await report('clerk')).toEqual({ ok: true, value: { logged: true } });
    expect(await call('clerk', 'diagnostics.reportError', { errorId: 'not an id', source: 'render', errorName: 'Error', frames: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });
});

describe('the log file rotates', () => {
  it('stays under its cap, keeps four older files and the newest lines', () => {
    const file = path.join(tempFolder(), 'logs', 'main.log');
    const destination = rotatingFile({ file, maxBytes: 1000, keep: 4 });
    for (let n = 0; n < 200; n += 1) destination.write(`{"n":${n},"msg":"${'x'.repeat(40)}"}\n`);
    const files = [file, ...[1, 2, 3, 4, 5].map((index) => rotatedName(file, index))].filter((name) => fs.existsSync(name));
    expect(files).toEqual([file, ...[1, 2, 3, 4].map((index) => rotatedName(file, index))]);
    for (const name of files) expect(fs.statSync(name).size).toBeLessThanOrEqual(1000);
    expect(fs.readFileSync(file, 'utf8').trim().split('\n').at(-1)).toContain('"n":199');
    expect(fs.readFileSync(rotatedName(file, 1), 'utf8')).not.toContain('"n":199');
  });

  it('the station logger writes through it', async () => {
    const file = path.join(tempFolder(), 'logs', 'main.log');
    const log = createLogger({ destination: file, maxBytes: 2000 });
    for (let n = 0; n < 100; n += 1) log.info({ n }, 'a line long enough to fill the small cap quickly');
    await vi.waitFor(() => expect(fs.existsSync(rotatedName(file, 1))).toBe(true));
    expect(fs.statSync(file).size).toBeLessThanOrEqual(2000);
  });
});
