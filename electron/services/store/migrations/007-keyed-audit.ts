import type { Migration } from '../migration.js';

/**
 * The keyed audit chain. `audit_key` holds the HMAC key sealed by the key store, and where
 * the unkeyed sha256 chain of older stations ends (legacy_seq/legacy_hash); `audit_head` holds
 * the last sequence number and hash with an HMAC over both, rewritten with every row so
 * dropping the last rows shows. Both rows are written when the audit log is first opened
 * with the key store, which the migration does not have.
 */
export const keyedAudit: Migration = {
  version: 7,
  name: 'keyed audit chain',
  up: (db) => {
    db.exec(`
      CREATE TABLE audit_key (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        sealed BLOB NOT NULL,
        legacy_seq INTEGER NOT NULL,
        legacy_hash TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL,
        mac TEXT NOT NULL
      ) STRICT;
    `);
  },
};
