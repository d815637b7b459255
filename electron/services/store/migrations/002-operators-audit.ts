import type { Migration } from '../migration.js';

/** Operators with their hashed secrets and failure lockout, and the append-only, hash-chained audit log. */
export const operatorsAudit: Migration = {
  version: 2,
  name: 'operators and audit log',
  up: (db) => {
    db.exec(`
      CREATE TABLE operators (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor')),
        secret_kind TEXT NOT NULL CHECK (secret_kind IN ('pin', 'password')),
        secret_hash TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
        locked_until TEXT,
        last_sign_in_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        operator_id TEXT,
        subject TEXT,
        detail TEXT NOT NULL CHECK (json_valid(detail)),
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE
      ) STRICT;
      CREATE INDEX audit_log_action ON audit_log (action, seq);

      -- Append-only: the chain makes tampering visible, the triggers make it deliberate.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `);
  },
};
