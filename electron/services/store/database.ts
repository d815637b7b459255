import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import type { Migration } from './migration.js';
import { MIGRATIONS } from './migrations/index.js';

export type StoreOpenErrorCode = 'store_damaged' | 'store_too_new' | 'store_unreadable';

/** Why the database could not be opened. The file is left exactly as found. */
export class StoreOpenError extends Error {
  constructor(
    readonly code: StoreOpenErrorCode,
    readonly file: string,
    detail: string,
  ) {
    super(detail);
    this.name = 'StoreOpenError';
  }
}

export interface OpenStore {
  readonly db: Database;
  readonly file: string;
  readonly schemaVersion: number;
}

/**
 * Opens (or creates) the station database: WAL, foreign keys, an integrity
 * check, then pending migrations, each in its own transaction. A damaged file
 * raises StoreOpenError and is never recreated or overwritten.
 */
export function openStore(file: string, migrations: readonly Migration[] = MIGRATIONS): OpenStore {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let db: Database;
  try {
    db = new BetterSqlite3(file, { fileMustExist: false });
  } catch (error) {
    throw new StoreOpenError('store_unreadable', file, errorText(error));
  }
  try {
    // quick_check reads every page like integrity_check but skips index
    // cross-checks, so a day's queue opens in milliseconds on a cheap laptop.
    const check = db.pragma('quick_check', { simple: false }) as Array<{ quick_check: string }>;
    const problems = check.map((row) => row.quick_check).filter((text) => text !== 'ok');
    if (problems.length > 0) throw new StoreOpenError('store_damaged', file, problems.slice(0, 5).join('; '));
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    const schemaVersion = migrate(db, migrations, file);
    return { db, file, schemaVersion };
  } catch (error) {
    db.close();
    if (error instanceof StoreOpenError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw new StoreOpenError('store_damaged', file, errorText(error));
    throw new StoreOpenError('store_unreadable', file, errorText(error));
  }
}

function migrate(db: Database, migrations: readonly Migration[], file: string): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new StoreOpenError('store_too_new', file, `Database schema ${current} is newer than this station understands (${latest}).`);
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    // The pragma is a no-op inside a transaction, so it is switched around it.
    if (migration.rebuildsTables) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        migration.up(db);
        if (migration.rebuildsTables) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length > 0) throw new Error(`migration ${migration.version} left ${broken.length} broken references`);
        }
        db.pragma(`user_version = ${migration.version}`);
      })();
    } finally {
      if (migration.rebuildsTables) db.pragma('foreign_keys = ON');
    }
  }
  return latest;
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
