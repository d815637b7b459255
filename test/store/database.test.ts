import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Migration } from '../../electron/services/store/migration.js';
import { MIGRATIONS } from '../../electron/services/store/migrations/index.js';
import { openStore, StoreOpenError } from '../../electron/services/store/database.js';

const folders: string[] = [];
const tempFile = (): string => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'station-store-'));
  folders.push(folder);
  return path.join(folder, 'station.db');
};
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

const notes: Migration = {
  version: 1,
  name: 'notes',
  up: (db) => db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT'),
};
const noteAuthors: Migration = {
  version: 2,
  name: 'note authors',
  up: (db) => db.exec("ALTER TABLE notes ADD COLUMN author TEXT NOT NULL DEFAULT 'unknown'"),
};

describe('openStore', () => {
  it('creates a fresh database with every migration, WAL and foreign keys', () => {
    const store = openStore(tempFile());
    expect(store.schemaVersion).toBe(MIGRATIONS.at(-1)?.version);
    expect(store.db.pragma('user_version', { simple: true })).toBe(store.schemaVersion);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.prepare("SELECT name FROM sqlite_master WHERE name = 'settings'").get()).toEqual({ name: 'settings' });
    store.db.close();
  });

  it('upgrades an existing database by applying only the pending migrations, keeping its rows', () => {
    const file = tempFile();
    const first = openStore(file, [notes]);
    first.db.prepare('INSERT INTO notes (body) VALUES (?)').run('kept');
    first.db.close();

    const upgraded = openStore(file, [notes, noteAuthors]);
    expect(upgraded.schemaVersion).toBe(2);
    expect(upgraded.db.prepare('SELECT body, author FROM notes').all()).toEqual([{ body: 'kept', author: 'unknown' }]);
    upgraded.db.close();
  });

  it('rebuilds the submissions table for the approval state with its rows, counts, indexes, triggers and foreign keys intact', () => {
    const file = tempFile();
    const before = openStore(
      file,
      MIGRATIONS.filter((migration) => migration.version < 9),
    );
    before.db
      .prepare(
        `INSERT INTO submissions (id, operation, provider, state, fields, capture, consent_at, steps, created_at, updated_at, short_reference)
         VALUES ('s1', 'enroll', 'glair-ktp', 'retry_wait', x'00', '{}', '2026-12-05T10:00:00Z', '["send"]', '2026-12-05T10:00:00Z', '2026-12-05T10:00:00Z', 'ST-7KQ4M9PX')`,
      )
      .run();
    before.db.prepare(`INSERT INTO submission_assets (submission_id, seq, kind, mime, bytes, data) VALUES ('s1', 0, 'face', 'image/jpeg', 1, x'ff')`).run();
    before.db.prepare(`INSERT INTO submission_history (submission_id, at, state) VALUES ('s1', '2026-12-05T10:00:00Z', 'queued')`).run();
    const schema = (db: typeof before.db) =>
      db.prepare(`SELECT type, name FROM sqlite_master WHERE tbl_name = 'submissions' AND type IN ('index', 'trigger') ORDER BY name`).all();
    const dependents = schema(before.db);
    before.db.close();

    const after = openStore(
      file,
      MIGRATIONS.filter((migration) => migration.version <= 9),
    );
    expect(after.db.prepare('SELECT id, state, short_reference FROM submissions').all()).toEqual([
      { id: 's1', state: 'retry_wait', short_reference: 'ST-7KQ4M9PX' },
    ]);
    expect(after.db.prepare('SELECT COUNT(*) AS n FROM submission_assets').get()).toEqual({ n: 1 });
    expect(schema(after.db)).toEqual(dependents);
    expect(after.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() => after.db.prepare(`INSERT INTO submission_history (submission_id, at, state) VALUES ('nobody', 'x', 'queued')`).run()).toThrow(/FOREIGN KEY/);
    after.db.prepare(`UPDATE submissions SET state = 'awaiting_approval' WHERE id = 's1'`).run();
    expect(after.db.prepare('SELECT state, n FROM submission_counts WHERE n > 0').all()).toEqual([{ state: 'awaiting_approval', n: 1 }]);
    expect(() => after.db.prepare(`UPDATE submissions SET state = 'lost' WHERE id = 's1'`).run()).toThrow(/CHECK/);
    after.db.close();
  });

  it('rolls a failing migration back completely and leaves the version where it was', () => {
    const file = tempFile();
    openStore(file, [notes]).db.close();
    const broken: Migration = {
      version: 2,
      name: 'broken',
      up: (db) => {
        db.exec('CREATE TABLE half_done (id INTEGER)');
        db.exec('THIS IS NOT SQL');
      },
    };
    expect(() => openStore(file, [notes, broken])).toThrow(StoreOpenError);
    const reopened = openStore(file, [notes]);
    expect(reopened.schemaVersion).toBe(1);
    expect(reopened.db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    reopened.db.close();
  });

  it('refuses a file that is not a database and leaves its bytes untouched', () => {
    const file = tempFile();
    const garbage = Buffer.from('this is not an sqlite database, but somebody data '.repeat(200));
    fs.writeFileSync(file, garbage);
    let error: unknown;
    try {
      openStore(file);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as StoreOpenError).code).toBe('store_damaged');
    expect(fs.readFileSync(file).equals(garbage)).toBe(true);
  });

  it('reports corrupted pages found by the integrity check', () => {
    const file = tempFile();
    const store = openStore(file, [notes]);
    store.db.pragma('journal_mode = DELETE');
    const insert = store.db.prepare('INSERT INTO notes (body) VALUES (?)');
    store.db.transaction(() => {
      for (let i = 0; i < 2000; i += 1) insert.run(`note number ${i} `.repeat(10));
    })();
    store.db.close();
    // Overwrite the middle of the table's pages with noise, as a failing disk would.
    const bytes = fs.readFileSync(file);
    bytes.fill(0x5a, 4096 * 3, 4096 * 3 + 3000);
    fs.writeFileSync(file, bytes);
    expect(() => openStore(file, [notes])).toThrow(expect.objectContaining({ code: 'store_damaged' }));
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('refuses a database written by a newer station instead of guessing', () => {
    const file = tempFile();
    openStore(file, [notes, noteAuthors]).db.close();
    expect(() => openStore(file, [notes])).toThrow(expect.objectContaining({ code: 'store_too_new' }));
  });
});
