import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { syncFileToDisk, WalFlusher } from '../../electron/services/store/wal-flush.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});
const tempFile = (name: string): string => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-flush-'));
  folders.push(folder);
  return path.join(folder, name);
};

describe('WAL flush', () => {
  it('syncs the WAL file of a WAL-mode database, and needs nothing when the WAL is gone', async () => {
    const file = tempFile('station.db');
    const db = new BetterSqlite3(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (x INTEGER)');
    const synced: string[] = [];
    const flusher = new WalFlusher(db, async (wal) => {
      synced.push(wal);
      await syncFileToDisk(wal);
    });
    db.prepare('INSERT INTO t VALUES (1)').run();
    await flusher.flush();
    expect(synced).toEqual([`${file}-wal`]);
    db.close();
    // The last connection checkpointed and removed the WAL.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    await expect(syncFileToDisk(`${file}-wal`)).resolves.toBeUndefined();
  });

  it('refuses a database that is not in WAL mode, and has nothing to sync in memory', async () => {
    const file = tempFile('rollback.db');
    const rollback = new BetterSqlite3(file);
    expect(() => new WalFlusher(rollback)).toThrow(/WAL-mode/);
    rollback.close();
    const memory = new BetterSqlite3(':memory:');
    const flusher = new WalFlusher(memory, () => Promise.reject(new Error('nothing to sync')));
    await expect(flusher.flush()).resolves.toBeUndefined();
    memory.close();
  });

  it('passes a failed sync to every caller waiting on it, and syncs again for the next', async () => {
    const file = tempFile('station.db');
    const db = new BetterSqlite3(file);
    db.pragma('journal_mode = WAL');
    let calls = 0;
    const flusher = new WalFlusher(db, () => (++calls === 1 ? Promise.reject(new Error('disk gone')) : Promise.resolve()));
    await expect(flusher.flush()).rejects.toThrow('disk gone');
    await expect(flusher.flush()).resolves.toBeUndefined();
    expect(calls).toBe(2);
    db.close();
  });
});
