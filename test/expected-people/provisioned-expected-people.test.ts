import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/contract/audit.js';
import type { ChannelName, ChannelOutput } from '../../shared/contract/index.js';
import type { Result } from '../../shared/contract/result.js';
import { dispatch } from '../../electron/services/ipc/dispatch.js';
import { loadProvisioning } from '../../electron/services/provisioning/load-provisioning.js';
import type { Station } from '../../electron/services/station.js';
import { createTestStation } from '../support/test-station.js';
import { ManualClock } from '../queue/fixtures.js';

const log = pino({ level: 'silent' });
const DAY_MS = 24 * 3600_000;
const stations: Station[] = [];
const folders: string[] = [];
afterEach(() => {
  for (const station of stations.splice(0)) station.close();
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

const tempFolder = (): string => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'station-provisioned-people-'));
  folders.push(folder);
  return folder;
};

const CSV = [
  'nik,name,dateOfBirth',
  '3171234567890001,Siti Rahayu,17-08-1990',
  '31712345,Too Short,01-02-1985',
  '3171234567890002,Agus Setiawan,01-02-1985',
].join('\r\n');

/** The administrator's folder: the provisioning file for GLAIR, with the CSV beside it named by a relative path. */
function provisioningFolder(config: Record<string, unknown> = {}): { configFile: string; csvFile: string } {
  const folder = tempFolder();
  const csvFile = path.join(folder, 'expected.csv');
  fs.writeFileSync(csvFile, CSV);
  const configFile = path.join(folder, 'station-config.json');
  fs.writeFileSync(
    configFile,
    JSON.stringify({
      settings: { providerId: 'glair-ktp', endpoint: 'https://glair.example.org', expectedPeopleRetentionDays: 7 },
      expectedPeople: { csvFile: 'expected.csv' },
      ...config,
    }),
  );
  return { configFile, csvFile };
}

/** A station started on `dataDir` with the provisioning file as it is now, supervisor Ana signed in on "sup". */
async function startStation(dataDir: string, configFile: string, clock: ManualClock) {
  const station = createTestStation({
    dataDir,
    clock,
    log,
    onlineProbe: () => false,
    provisioning: loadProvisioning(configFile),
  });
  stations.push(station);
  await station.start();
  await station.startupWork();
  const call = (clientId: string, channel: ChannelName, input?: unknown): Promise<Result<unknown>> =>
    dispatch(station.handlers, channel, input, { clientId }, log);
  const value = async <K extends ChannelName>(clientId: string, channel: K, input?: unknown): Promise<ChannelOutput<K>> => {
    const result = await call(clientId, channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as ChannelOutput<K>;
  };
  const secret = { kind: 'password', value: 'supervisor-pass' } as const;
  const first = await call('sup', 'operators.setup', { name: 'Ana', secret });
  if (!first.ok) await value('sup', 'operators.signIn', { name: 'Ana', secret: secret.value });
  const audit = async (action: string) => (await value('sup', 'audit.list', { limit: 200 })).entries.filter((entry: AuditEntry) => entry.action === action);
  return { station, call, value, audit };
}

describe('expected people from the provisioning file', { timeout: 60_000 }, () => {
  it('are imported at start with the supervisor import’s checks and report, audited without an operator', async () => {
    const { configFile, csvFile } = provisioningFolder();
    const { value, call, audit } = await startStation(tempFolder(), configFile, new ManualClock());
    expect(await value('sup', 'expectedPeople.provisioned')).toEqual({
      file: csvFile,
      at: '2026-11-23T08:00:00.000Z',
      report: {
        provider: 'glair-ktp',
        imported: 2,
        rejectedCount: 1,
        rejected: [{ line: 3, problems: [{ field: 'nik', reason: 'fieldErrors.nikFormat' }] }],
        listed: 2,
      },
      error: null,
    });
    expect(await value('sup', 'expectedPeople.summary')).toEqual({ provider: 'glair-ktp', listed: 2, enrolled: 0 });
    expect((await value('sup', 'expectedPeople.search', { query: 'siti' })).total).toBe(1);
    expect(await audit('expected_people.provisioned')).toEqual([
      expect.objectContaining({ operatorId: null, subject: csvFile, detail: { provider: 'glair-ktp', imported: 2, rejected: 1 } }),
    ]);

    await value('sup', 'operators.create', { name: 'Budi', role: 'clerk', secret: { kind: 'pin', value: '135790' } });
    await value('clerk', 'operators.signIn', { name: 'Budi', secret: '135790' });
    const clerk = await call('clerk', 'expectedPeople.provisioned');
    expect(clerk.ok ? 'accepted' : clerk.error.code).toBe('supervisor_only');
  });

  it('expire after expectedPeopleRetentionDays, and an unchanged file does not bring them back; a changed one is imported', async () => {
    const { configFile, csvFile } = provisioningFolder();
    const dataDir = tempFolder();
    const clock = new ManualClock();
    (await startStation(dataDir, configFile, clock)).station.close();

    clock.advance(6 * DAY_MS);
    const sixDaysOn = await startStation(dataDir, configFile, clock);
    expect(await sixDaysOn.value('sup', 'expectedPeople.summary')).toMatchObject({ listed: 2 });
    expect(await sixDaysOn.audit('expected_people.provisioned')).toHaveLength(1);
    sixDaysOn.station.close();

    clock.advance(2 * DAY_MS);
    const eightDaysOn = await startStation(dataDir, configFile, clock);
    expect(await eightDaysOn.value('sup', 'expectedPeople.summary')).toMatchObject({ listed: 0 });
    expect(await eightDaysOn.audit('expected_people.expired')).toEqual([
      expect.objectContaining({ operatorId: null, detail: { removed: 2, retentionDays: 7 } }),
    ]);
    expect(await eightDaysOn.audit('expected_people.provisioned')).toHaveLength(1);
    eightDaysOn.station.close();

    fs.appendFileSync(csvFile, '\r\n3171234567890003,Dewi Lestari,05-05-2001');
    const newList = await startStation(dataDir, configFile, clock);
    expect(await newList.value('sup', 'expectedPeople.provisioned')).toMatchObject({ report: { imported: 3, rejectedCount: 1, listed: 3 } });
  });

  it('reports a list that cannot be read, and the station starts all the same', async () => {
    const { configFile, csvFile } = provisioningFolder();
    fs.rmSync(csvFile);
    const { value } = await startStation(tempFolder(), configFile, new ManualClock());
    expect(await value('sup', 'expectedPeople.provisioned')).toMatchObject({
      file: csvFile,
      report: null,
      error: { code: 'expected_people_file_unreadable', params: { file: csvFile, reason: 'ENOENT' } },
    });
    expect(await value('sup', 'expectedPeople.summary')).toMatchObject({ listed: 0 });

    fs.writeFileSync(csvFile, 'name,nik\nSiti,3171234567890001\n');
    const wrongHeader = await startStation(tempFolder(), configFile, new ManualClock());
    expect(await wrongHeader.value('sup', 'expectedPeople.provisioned')).toMatchObject({
      error: { code: 'expected_people_missing_column', params: { column: 'dateOfBirth' } },
    });
  });

  it('refuses a provisioning file whose list is not a path, naming the field, and names none without one', async () => {
    const { configFile } = provisioningFolder({ expectedPeople: { csvFile: 42 } });
    expect(loadProvisioning(configFile).error).toMatchObject({ code: 'provisioning_invalid_field', field: 'expectedPeople.csvFile' });
    const { configFile: unknownKey } = provisioningFolder({ expectedPeople: { csvFile: 'expected.csv', csv: 'expected.csv' } });
    expect(loadProvisioning(unknownKey).error).toMatchObject({ code: 'provisioning_invalid_field', field: 'expectedPeople.csv' });
    const { configFile: withoutList } = provisioningFolder({ expectedPeople: undefined });
    const { value } = await startStation(tempFolder(), withoutList, new ManualClock());
    expect(await value('sup', 'expectedPeople.provisioned')).toBeNull();
  });
});
