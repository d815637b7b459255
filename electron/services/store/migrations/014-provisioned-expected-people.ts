import type { Migration } from '../migration.js';

/**
 * Expected people from the provisioning file: the last file imported (its SHA-256, so an unchanged
 * file is not imported again at every start, which would bring back people retention removed) and
 * the import's report for the supervisor. The index lets the retention purge find old entries.
 */
export const provisionedExpectedPeople: Migration = {
  version: 14,
  name: 'provisioned expected people',
  up: (db) => {
    db.exec(`
      CREATE TABLE provisioned_expected_people (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        file TEXT NOT NULL,
        sha256 TEXT,
        imported_at TEXT NOT NULL,
        report TEXT NOT NULL
      );
      CREATE INDEX expected_people_imported_at ON expected_people (imported_at);
    `);
  },
};
