import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelName, ChannelOutput } from '../../shared/contract/index.js';
import type { SubmitInput } from '../../shared/contract/queue.js';
import type { Result } from '../../shared/contract/result.js';
import { dispatch } from '../../electron/services/ipc/dispatch.js';
import { DATABASE_FILE_NAME, type Station } from '../../electron/services/station.js';
import { createTestStation } from '../support/test-station.js';
import { ManualClock, face } from '../queue/fixtures.js';

const log = pino({ level: 'silent' });
const stations: Station[] = [];
const folders: string[] = [];
afterEach(() => {
  for (const station of stations.splice(0)) station.close();
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

function startStation(dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'station-expected-'))) {
  if (!folders.includes(dataDir)) folders.push(dataDir);
  const station = createTestStation({
    dataDir,
    clock: new ManualClock(),
    log,
    onlineProbe: () => false,
  });
  stations.push(station);
  const call = (clientId: string, channel: ChannelName, input?: unknown): Promise<Result<unknown>> =>
    dispatch(station.handlers, channel, input, { clientId }, log);
  const value = async <K extends ChannelName>(clientId: string, channel: K, input?: unknown): Promise<ChannelOutput<K>> => {
    const result = await call(clientId, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as ChannelOutput<K>;
  };
  return { station, call, value, dataDir };
}

/** Supervisor Ana on window "sup" with GLAIR configured (NIK of 16 digits, name, dd-mm-yyyy birth date); clerk Budi on "clerk". */
async function glairStation() {
  const running = startStation();
  await running.value('sup', 'operators.setup', { name: 'Ana', secret: { kind: 'password', value: 'supervisor-pass' } });
  await running.value('sup', 'operators.create', { name: 'Budi', role: 'clerk', secret: { kind: 'pin', value: '135790' } });
  await running.value('clerk', 'operators.signIn', { name: 'Budi', secret: '135790' });
  await running.value('sup', 'settings.update', { providerId: 'glair-ktp', endpoint: 'https://glair.example.org' });
  return running;
}

const CSV = [
  'name,nik,dateOfBirth',
  'Siti Rahayu,3171234567890001,17-08-1990',
  '"Agus Setiawan, S.T.",3171234567890002,01-02-1985',
  'Too Short,31712345,01-02-1985',
  ',3171234567890003,31-02-1985',
  'Dewi Lestari,3171234567890004',
  'Siti Rahayu,3171234567890001,17-08-1990',
  '',
  'Sití Anggraini,3171234567890005,05-05-2001',
].join('\r\n');

const enrollment = (fields: Record<string, string>): SubmitInput => ({
  operation: 'enroll',
  fields,
  consent: { given: true, at: '2026-11-23T08:00:00.000Z' },
  assets: [{ kind: 'face', mime: 'image/jpeg', bytes: face(0) }],
  capture: { photos: [], liveness: { real: null, live: null, blinkSeen: false, headTurn: null }, idPhotoSimilarity: null },
  checkIn: null,
  replaces: null,
});

// Operators sign in with the production scrypt cost (about 0.6 s a check on two cores).
describe('expected people', { timeout: 120_000 }, () => {
  it('imports the good rows and reports each rejected one with its line and the form’s own reasons', async () => {
    const { value } = await glairStation();
    const report = await value('sup', 'expectedPeople.import', { csv: CSV });
    expect(report).toEqual({
      provider: 'glair-ktp',
      imported: 3,
      rejectedCount: 4,
      rejected: [
        { line: 4, problems: [{ field: 'nik', reason: 'fieldErrors.nikFormat' }] },
        {
          line: 5,
          problems: [
            { field: 'name', reason: 'fieldErrors.required' },
            { field: 'dateOfBirth', reason: 'fieldErrors.dateNotReal' },
          ],
        },
        { line: 6, problems: [{ field: null, reason: 'expectedPeople.rowProblems.columnCount' }] },
        { line: 7, problems: [{ field: null, reason: 'expectedPeople.rowProblems.duplicate' }] },
      ],
      listed: 3,
    });
    // The same file again adds nobody: everyone on it is already listed.
    const again = await value('sup', 'expectedPeople.import', { csv: CSV });
    expect(again).toMatchObject({ imported: 0, listed: 3 });
    expect(again.rejected.filter((row) => row.problems[0]?.reason === 'expectedPeople.rowProblems.alreadyListed').map((row) => row.line)).toEqual([2, 3, 9]);
  });

  it('refuses a file whose header is not the provider’s fields, or that is not CSV, naming what is wrong; supervisors only', async () => {
    const { call } = await glairStation();
    const refused = async (clientId: string, csv: string) => {
      const result = await call(clientId, 'expectedPeople.import', { csv });
      return result.ok ? result : { code: result.error.code, params: result.error.params };
    };
    expect(await refused('sup', 'name,nik\nSiti,3171234567890001')).toEqual({
      code: 'expected_people_missing_column',
      params: { column: 'dateOfBirth', expected: 'nik, name, dateOfBirth' },
    });
    expect(await refused('sup', 'name,nik,dateOfBirth,phone\n')).toMatchObject({ code: 'expected_people_unknown_column', params: { column: 'phone' } });
    expect(await refused('sup', 'name,nik,dateOfBirth\n"Siti,3171234567890001,17-08-1990\n')).toMatchObject({
      code: 'expected_people_csv_unreadable',
      // The line the unclosed quote opens on.
      params: { line: 2 },
    });
    expect(await refused('sup', 'name,nik,dateOfBirth\n')).toMatchObject({ code: 'expected_people_empty' });
    expect(await refused('clerk', CSV)).toMatchObject({ code: 'supervisor_only' });
  });

  it('finds people by name or ID number, in any case and without accents, offline; only for signed-in operators', async () => {
    const { value, call } = await glairStation();
    await value('sup', 'expectedPeople.import', { csv: CSV });
    const names = async (query: string) => (await value('clerk', 'expectedPeople.search', { query })).items.map((item) => item.fields.name);
    expect(await names('siti')).toEqual(['Siti Rahayu', 'Sití Anggraini']);
    expect(await names('SITI rahayu')).toEqual(['Siti Rahayu']);
    expect(await names('3171234567890002')).toEqual(['Agus Setiawan, S.T.']);
    expect(await names('nobody')).toEqual([]);
    expect(await value('clerk', 'expectedPeople.search', { query: 'siti rahayu' })).toMatchObject({
      items: [{ fields: { name: 'Siti Rahayu', nik: '3171234567890001', dateOfBirth: '17-08-1990' }, enrolledAt: null }],
    });
    const anonymous = await call('nobody', 'expectedPeople.search', { query: 'siti' });
    expect(anonymous.ok ? 'ok' : anonymous.error.code).toBe('not_signed_in');
  });

  it('marks the entry an enrollment came from, shown as enrolled with its reference, and keeps it across a restart', async () => {
    const { value, station, dataDir } = await glairStation();
    await value('sup', 'expectedPeople.import', { csv: CSV });
    const [siti] = (await value('clerk', 'expectedPeople.search', { query: 'siti rahayu' })).items;
    if (!siti) throw new Error('Siti is on the list');
    const submitted = await value('clerk', 'queue.submit', enrollment(siti.fields));
    const marked = await value('clerk', 'expectedPeople.markEnrolled', { id: siti.id, submissionId: submitted.id });
    expect(marked).toMatchObject({ id: siti.id, enrolledAt: '2026-11-23T08:00:00.000Z', enrolledReference: submitted.shortReference });
    expect(await value('clerk', 'expectedPeople.summary')).toEqual({ provider: 'glair-ktp', listed: 3, enrolled: 1 });
    // Still expected first, then the enrolled.
    expect((await value('clerk', 'expectedPeople.search', { query: 'siti' })).items.map((item) => [item.fields.name, item.enrolledReference])).toEqual([
      ['Sití Anggraini', null],
      ['Siti Rahayu', submitted.shortReference],
    ]);

    station.close();
    stations.splice(stations.indexOf(station), 1);
    const reopened = startStation(dataDir);
    await reopened.value('sup', 'operators.signIn', { name: 'Ana', secret: 'supervisor-pass' });
    expect((await reopened.value('sup', 'expectedPeople.search', { query: 'rahayu' })).items[0]).toMatchObject({ enrolledReference: submitted.shortReference });
  });

  it('keeps the list sealed at rest: no name or NIK in the database file', async () => {
    const { value, station, dataDir } = await glairStation();
    await value('sup', 'expectedPeople.import', { csv: CSV });
    station.close();
    stations.splice(stations.indexOf(station), 1);
    const bytes = fs.readFileSync(path.join(dataDir, DATABASE_FILE_NAME));
    const wal = path.join(dataDir, `${DATABASE_FILE_NAME}-wal`);
    const all = Buffer.concat([bytes, fs.existsSync(wal) ? fs.readFileSync(wal) : Buffer.alloc(0)]);
    for (const text of ['Siti Rahayu', '3171234567890001', 'Agus Setiawan']) expect(all.includes(Buffer.from(text)), text).toBe(false);
  });

  it('refuses to mark from a submission that is not an enrollment of this provider, or an entry not on the list; a supervisor clears the list', async () => {
    const { value, call } = await glairStation();
    await value('sup', 'expectedPeople.import', { csv: CSV });
    const [siti] = (await value('clerk', 'expectedPeople.search', { query: 'siti rahayu' })).items;
    const submitted = await value('clerk', 'queue.submit', enrollment(siti?.fields ?? {}));
    const code = async (channel: ChannelName, input: unknown, clientId = 'clerk') => {
      const result = await call(clientId, channel, input);
      return result.ok ? 'ok' : result.error.code;
    };
    expect(await code('expectedPeople.markEnrolled', { id: 'not-listed', submissionId: submitted.id })).toBe('expected_people_not_found');
    expect(await code('expectedPeople.markEnrolled', { id: siti?.id, submissionId: 'no-such-submission' })).toBe('queue_not_found');
    expect(await code('expectedPeople.clear', undefined)).toBe('supervisor_only');
    expect(await value('sup', 'expectedPeople.clear')).toEqual({ removed: 3 });
    expect(await value('clerk', 'expectedPeople.search', { query: 'siti' })).toEqual({ items: [], total: 0 });
    const audit = await value('sup', 'audit.list', {});
    expect(audit.entries.map((entry) => entry.action)).toEqual(expect.arrayContaining(['expected_people.imported', 'expected_people.cleared']));
    expect(JSON.stringify(audit)).not.toContain('Siti');
  });
});
