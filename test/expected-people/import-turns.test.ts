import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROVIDERS } from '../../shared/providers/index.js';
import { systemClock } from '../../electron/services/clock.js';
import { ExpectedPeopleStore } from '../../electron/services/expected-people/expected-people-store.js';
import { importExpectedPeople } from '../../electron/services/expected-people/import-expected-people.js';
import { openStore, type OpenStore } from '../../electron/services/store/database.js';
import { loadOrCreateDataKey } from '../../electron/services/vault/data-key.js';
import { createFileKeyStore } from '../../electron/services/vault/file-key-store.js';
import { Vault } from '../../electron/services/vault/vault.js';
import { silentLog } from '../queue/fixtures.js';
import { expectedPeopleCsv } from './large-csv.js';

const stores: OpenStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.db.close();
});

function peopleStore(): ExpectedPeopleStore {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'expected-people-turns-'));
  const store = openStore(path.join(folder, 'station.db'));
  stores.push(store);
  return new ExpectedPeopleStore(store.db, new Vault(loadOrCreateDataKey(store.db, createFileKeyStore(folder, silentLog), systemClock)), systemClock);
}

/** How many turns the event loop had while `work` ran: a synchronous import gives it none. */
async function turnsDuring<T>(work: () => Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0;
  let running = true;
  const tick = (): void => {
    if (!running) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  const value = await work();
  running = false;
  return { value, turns };
}

const glair = PROVIDERS['glair-ktp'];

describe('importing a long list of expected people', () => {
  it('gives the event loop a turn at least every 500 rows parsed, checked and written, with the same report', async () => {
    const people = peopleStore();
    const csv = expectedPeopleCsv(256 * 1024);
    const rows = csv.split('\r\n').length - 1;
    expect(rows).toBeGreaterThan(4000);
    const { value: report, turns } = await turnsDuring(() => importExpectedPeople(people, 'glair-ktp', glair, csv));
    expect(report).toEqual({ provider: 'glair-ktp', imported: rows, rejectedCount: 0, rejected: [], listed: rows });
    // Checked (one turn per 500 rows) and sealed and written (one per 500 more): at least twice rows / 500.
    expect(turns).toBeGreaterThanOrEqual(2 * Math.floor(rows / 500));

    // Opening a long list for the duplicate check takes turns too, and everyone is found listed.
    const reopened = new ExpectedPeopleStore(stores[0]?.db as OpenStore['db'], (people as unknown as { vault: Vault }).vault, systemClock);
    const again = await turnsDuring(() => importExpectedPeople(reopened, 'glair-ktp', glair, csv));
    expect(again.value).toMatchObject({ imported: 0, rejectedCount: rows, listed: rows });
    expect(again.turns).toBeGreaterThanOrEqual(2 * Math.floor(rows / 500));
  }, 120_000);

  it('refuses a second import and a clear while one runs, and takes them once it is done', async () => {
    const people = peopleStore();
    const running = importExpectedPeople(people, 'glair-ktp', glair, expectedPeopleCsv(64 * 1024));
    await expect(importExpectedPeople(people, 'glair-ktp', glair, expectedPeopleCsv(1024))).rejects.toMatchObject({ code: 'expected_people_import_running' });
    expect(() => people.clear()).toThrow(expect.objectContaining({ code: 'expected_people_import_running' }) as Error);
    const { imported } = await running;
    expect(people.clear()).toBe(imported);
    expect(await importExpectedPeople(people, 'glair-ktp', glair, expectedPeopleCsv(1024))).toMatchObject({ listed: expect.any(Number) as number });
  }, 60_000);
});
