import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Clock } from '../clock.js';
import { openStore } from '../store/database.js';
import { MIGRATIONS } from '../store/migrations/index.js';
import { loadOrCreateDataKey } from '../vault/data-key.js';
import type { KeyStore } from '../vault/key-store.js';
import { Vault } from '../vault/vault.js';

/**
 * The store as the station uses it, in a folder of its own: every migration, a data key sealed
 * by the key store, the database closed and opened again so the key is unsealed from disk, and
 * one AES-256-GCM seal and open. Throws naming the step that failed; returns what was seen.
 */
export function checkThrowawayStore(folder: string, keyStore: KeyStore, clock: Clock): string {
  const file = path.join(folder, 'self-test.db');
  const latest = MIGRATIONS.at(-1)?.version ?? 0;
  const first = openStore(file);
  let sealed: Buffer;
  const plaintext = randomBytes(64);
  try {
    if (first.schemaVersion !== latest) throw new Error(`schema ${first.schemaVersion} after migrations, expected ${latest}`);
    sealed = new Vault(loadOrCreateDataKey(first.db, keyStore, clock)).seal('self-test', 'fields', plaintext);
  } finally {
    first.db.close();
  }
  const again = openStore(file);
  try {
    // The second load opens the key sealed on disk: the key store's open, not the key kept in memory.
    const reopened = new Vault(loadOrCreateDataKey(again.db, keyStore, clock)).open('self-test', 'fields', sealed);
    if (!reopened.equals(plaintext)) throw new Error('the sealed blob opened to different bytes');
  } finally {
    again.db.close();
  }
  return `schema ${latest}, data key sealed by ${keyStore.kind}, AES-256-GCM seal and open after reopening`;
}
