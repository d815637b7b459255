import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach } from 'vitest';
import type { Clock } from '../../electron/services/clock.js';
import { openStore } from '../../electron/services/store/database.js';
import { MIGRATIONS } from '../../electron/services/store/migrations/index.js';
import { operatorsAudit } from '../../electron/services/store/migrations/002-operators-audit.js';
import { keyedAudit } from '../../electron/services/store/migrations/007-keyed-audit.js';
import { createScryptHasher } from '../../electron/services/operators/secret-hash.js';

/** A clock the test moves by hand: idle locks and lockouts without sleeping. */
export class ManualClock implements Clock {
  #ms: number;
  constructor(start = '2026-11-22T08:00:00.000Z') {
    this.#ms = Date.parse(start);
  }
  now(): Date {
    return new Date(this.#ms);
  }
  advanceMinutes(minutes: number): void {
    this.#ms += minutes * 60_000;
  }
}

/** Real scrypt at a lower cost than production so a test can hash dozens of times. */
export const TEST_PEPPER = Buffer.alloc(32, 7);
export const TEST_SCRYPT_COST = { N: 2 ** 12, r: 8, p: 1 } as const;
export const testHasher = createScryptHasher(TEST_PEPPER, TEST_SCRYPT_COST);

const folders: string[] = [];
const databases: Database[] = [];
afterEach(() => {
  for (const db of databases.splice(0)) db.close();
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

export const tempFolder = (): string => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'station-operators-'));
  folders.push(folder);
  return folder;
};

/** A fresh station database with the schema up to and including the operators and audit tables, and the audit key and head. */
export function openTempDatabase(): Database {
  const migrations = [...MIGRATIONS.filter((migration) => migration.version < operatorsAudit.version), operatorsAudit, keyedAudit];
  const store = openStore(path.join(tempFolder(), 'station.db'), migrations);
  databases.push(store.db);
  return store.db;
}
