import type { Migration } from '../migration.js';

/**
 * One enrollment in progress per operator, sealed under the data key: the form (identity fields,
 * consent, step) in `drafts`, each capture's metadata in `draft_captures` and its photos or clip
 * in `draft_files`, so a keystroke rewrites the form and never the photos. Deleting the draft (or
 * the operator) takes its captures and files with it.
 */
export const drafts: Migration = {
  version: 12,
  name: 'enrollment drafts',
  up: (db) => {
    db.exec(`
      CREATE TABLE drafts (
        operator_id TEXT PRIMARY KEY REFERENCES operators (id) ON DELETE CASCADE,
        provider TEXT NOT NULL,
        form BLOB NOT NULL,
        updated_at TEXT NOT NULL,
        updated_ms INTEGER NOT NULL
      );
      CREATE INDEX drafts_updated ON drafts (updated_ms);
      CREATE TABLE draft_captures (
        operator_id TEXT NOT NULL REFERENCES drafts (operator_id) ON DELETE CASCADE,
        capture TEXT NOT NULL CHECK (capture IN ('face', 'idCard', 'clip')),
        meta BLOB NOT NULL,
        PRIMARY KEY (operator_id, capture)
      );
      CREATE TABLE draft_files (
        operator_id TEXT NOT NULL,
        capture TEXT NOT NULL,
        seq INTEGER NOT NULL,
        mime TEXT NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (operator_id, capture, seq),
        FOREIGN KEY (operator_id, capture) REFERENCES draft_captures (operator_id, capture) ON DELETE CASCADE
      );
    `);
  },
};
