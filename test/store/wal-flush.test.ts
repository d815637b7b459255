import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { fileSyncer, WalFlusher } from '../../electron/services/store/wal-flush.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});
const tempFile = (name: string): string => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-flush-'));
  folders.push(folder);
  return path.join(folder, name);
};
const walDatabase = (file: string): BetterSqlite3.Database => {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  return db;
};
const openDescriptors = (): number => fs.readdirSync('/proc/self/fd').length;

describe('WAL flush', () => {
  it('syncs the WAL file through one descriptor, and lets go of it on close', async () => {
    const file = tempFile('station.db');
    const db = walDatabase(file);
    db.exec('CREATE TABLE t (x INTEGER)');
    const synced: string[] = [];
    const before = openDescriptors();
    const flusher = new WalFlusher(db, (wal) => {
      const syncer = fileSyncer(wal);
      return { sync: () => (synced.push(wal), syncer.sync()), close: () => syncer.close() };
    });
    for (let n = 0; n < 3; n++) {
      db.prepare('INSERT INTO t VALUES (?)').run(n);
      await flusher.flush();
    }
    expect(synced).toEqual([`${file}-wal`, `${file}-wal`, `${file}-wal`]);
    expect(openDescriptors()).toBe(before + 1);
    flusher.close();
    expect(openDescriptors()).toBe(before);
    // Closed: the syncer no longer touches the file; closing the connection checkpoints and removes the WAL.
    await flusher.flush();
    expect(synced).toHaveLength(4);
    db.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('closes its descriptor only after a sync that was running has ended', async () => {
    const file = tempFile('station.db');
    const db = walDatabase(file);
    db.exec('CREATE TABLE t (x INTEGER)');
    const syncer = fileSyncer(`${file}-wal`);
    const before = openDescriptors();
    const running = syncer.sync();
    syncer.close();
    await running;
    expect(openDescriptors()).toBe(before);
    db.close();
    // No WAL file: nothing to sync.
    await expect(fileSyncer(`${file}-wal`).sync()).resolves.toBeUndefined();
  });

  it('refuses a database that is not in WAL mode, and has nothing to sync in memory', async () => {
    const rollback = new BetterSqlite3(tempFile('rollback.db'));
    expect(() => new WalFlusher(rollback)).toThrow(/WAL-mode/);
    rollback.close();
    const memory = new BetterSqlite3(':memory:');
    const flusher = new WalFlusher(memory, () => ({ sync: () => Promise.reject(new Error('nothing to sync')), close: () => undefined }));
    await expect(flusher.flush()).resolves.toBeUndefined();
    memory.close();
  });

  it('passes a failed sync to every caller waiting on it, and syncs again for the next', async () => {
    const db = walDatabase(tempFile('station.db'));
    let calls = 0;
    const flusher = new WalFlusher(db, () => ({
      sync: () => (++calls === 1 ? Promise.reject(new Error('disk gone')) : Promise.resolve()),
      close: () => undefined,
    }));
    await expect(flusher.flush()).rejects.toThrow('disk gone');
    await expect(flusher.flush()).resolves.toBeUndefined();
    expect(calls).toBe(2);
    db.close();
  });
});
