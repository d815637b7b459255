import type { Migration } from '../migration.js';

/**
 * The people a station expects (imported from a CSV): their identity fields sealed under the data
 * key like a submission's, and the submission each was enrolled with once it was.
 */
export const expectedPeople: Migration = {
  version: 11,
  name: 'expected people',
  up: (db) => {
    db.exec(`
      CREATE TABLE expected_people (
        id TEXT PRIMARY KEY,
        provider TEXT NOT NULL,
        fields_sealed BLOB NOT NULL,
        imported_at TEXT NOT NULL,
        enrolled_at TEXT,
        submission_id TEXT,
        enrolled_reference TEXT
      );
      CREATE INDEX expected_people_provider ON expected_people (provider);
    `);
  },
};
