import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Clock } from '../clock.js';
import type { KeyStore } from './key-store.js';

export const DATA_KEY_BYTES = 32;

/**
 * The station's one data key: 256 random bits made on first use, kept in the database only
 * wrapped by the KeyStore (OS keychain in the app), so a copied database file alone reveals nothing.
 */
export function loadOrCreateDataKey(db: Database, keyStore: KeyStore, clock: Clock): Buffer {
  return db
    .transaction(() => {
      const row = db.prepare('SELECT sealed FROM vault_key WHERE id = 1').get() as { sealed: Buffer } | undefined;
      if (row) {
        const key = keyStore.open(row.sealed);
        if (key.length !== DATA_KEY_BYTES) throw new Error('The unwrapped data key has the wrong length.');
        return key;
      }
      const key = randomBytes(DATA_KEY_BYTES);
      db.prepare('INSERT INTO vault_key (id, sealed, created_at) VALUES (1, ?, ?)').run(keyStore.seal(key), clock.now().toISOString());
      return key;
    })
    .immediate();
}
