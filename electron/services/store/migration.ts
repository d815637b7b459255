import type { Database } from 'better-sqlite3';

export interface Migration {
  /** Consecutive from 1; stored in PRAGMA user_version once applied. */
  readonly version: number;
  readonly name: string;
  readonly up: (db: Database) => void;
  /**
   * Drops and recreates a table other tables refer to: it runs with foreign keys off, and the keys
   * are checked before it commits (SQLite's procedure for changes ALTER TABLE cannot make).
   */
  readonly rebuildsTables?: true;
}
