import type { Migration } from '../migration.js';

/**
 * The vault's wrapped data key, and the offline queue: submissions, their encrypted assets,
 * the per-step attempt log the sync engine resumes from, and the history of state changes.
 * Identity fields, the check-in, step state and assets are AES-256-GCM blobs (see vault/).
 */
export const queue: Migration = {
  version: 3,
  name: 'vault key and offline queue',
  up: (db) => {
    db.exec(`
      CREATE TABLE vault_key (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        sealed BLOB NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE submissions (
        id TEXT PRIMARY KEY,
        operation TEXT NOT NULL,
        provider TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'awaiting_result', 'retry_wait', 'needs_attention', 'done', 'discarded')),
        fields BLOB NOT NULL,
        check_in BLOB,
        capture TEXT NOT NULL CHECK (json_valid(capture)),
        consent_at TEXT NOT NULL,
        operator_id TEXT,
        steps TEXT NOT NULL CHECK (json_valid(steps)),
        step_index INTEGER NOT NULL DEFAULT 0 CHECK (step_index >= 0),
        step_state BLOB,
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
        next_attempt_at INTEGER,
        error TEXT CHECK (error IS NULL OR json_valid(error)),
        outcome TEXT CHECK (outcome IS NULL OR json_valid(outcome)),
        discard_reason TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        done_at TEXT,
        assets_deleted_at TEXT
      ) STRICT;
      CREATE INDEX submissions_due ON submissions (state, provider, next_attempt_at);
      CREATE INDEX submissions_created ON submissions (created_at);

      CREATE TABLE submission_assets (
        submission_id TEXT NOT NULL REFERENCES submissions (id),
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('face', 'id-card', 'clip')),
        mime TEXT NOT NULL,
        bytes INTEGER NOT NULL CHECK (bytes >= 0),
        data BLOB NOT NULL,
        PRIMARY KEY (submission_id, seq)
      ) STRICT;

      -- One row per step attempt, written before the request; outcome NULL means no answer was recorded.
      CREATE TABLE submission_steps (
        id INTEGER PRIMARY KEY,
        submission_id TEXT NOT NULL REFERENCES submissions (id),
        step_index INTEGER NOT NULL,
        step TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        outcome TEXT CHECK (outcome IS NULL OR outcome IN ('advance', 'poll', 'complete', 'failed', 'lost')),
        http_status INTEGER
      ) STRICT;
      CREATE INDEX submission_steps_attempts ON submission_steps (submission_id, step_index);

      CREATE TABLE submission_history (
        id INTEGER PRIMARY KEY,
        submission_id TEXT NOT NULL REFERENCES submissions (id),
        at TEXT NOT NULL,
        state TEXT NOT NULL,
        step TEXT,
        error TEXT CHECK (error IS NULL OR json_valid(error))
      ) STRICT;
      CREATE INDEX submission_history_submission ON submission_history (submission_id, id);
    `);
  },
};
