// The queue and sync tests' temporary station databases, closed and deleted after each test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { Clock } from '../../electron/services/clock.js';
import { QueueStore } from '../../electron/services/queue/queue-store.js';
import { openStore, type OpenStore } from '../../electron/services/store/database.js';
import type { FileSyncer } from '../../electron/services/store/wal-flush.js';
import { loadOrCreateDataKey } from '../../electron/services/vault/data-key.js';
import { createFileKeyStore } from '../../electron/services/vault/file-key-store.js';
import { Vault } from '../../electron/services/vault/vault.js';
import { silentLog } from './fixtures.js';

export * from './fixtures.js';

const folders: string[] = [];
const stores: OpenStore[] = [];
const queues: QueueStore[] = [];
afterEach(() => {
  for (const queue of queues.splice(0)) queue.close();
  for (const store of stores.splice(0)) if (store.db.open) store.db.close();
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

export function tempFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'station-queue-'));
  folders.push(folder);
  return folder;
}

export interface TestQueue {
  readonly folder: string;
  readonly file: string;
  readonly store: OpenStore;
  readonly queue: QueueStore;
  readonly vault: Vault;
}

/**
 * The station database in `folder` (a new temporary one by default) with its queue, as the station
 * opens it; `openSyncer` stands in for the WAL fsync where a test watches it.
 */
export function openTestQueue(clock: Clock, folder = tempFolder(), openSyncer?: (file: string) => FileSyncer): TestQueue {
  const file = path.join(folder, 'station.db');
  const store = openStore(file);
  stores.push(store);
  const vault = new Vault(loadOrCreateDataKey(store.db, createFileKeyStore(folder, silentLog), clock));
  const queue = new QueueStore(store.db, vault, clock, openSyncer);
  queues.push(queue);
  return { folder, file, store, queue, vault };
}
