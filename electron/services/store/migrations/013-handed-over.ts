import type { Migration } from '../migration.js';

/**
 * Submissions handed to another station on a file (hand-carry): closed here for good, like a
 * discard, and marked with when they left so the queue tells them apart. The table's state CHECK
 * (migration 3) predates the state, so a handed-over row is `discarded` with this column set; the
 * partial index lets the counts find the few of them without reading every submission.
 */
export const handedOver: Migration = {
  version: 13,
  name: 'handed-over submissions',
  up: (db) => {
    db.exec(`
      ALTER TABLE submissions ADD COLUMN handed_over_at TEXT;
      CREATE INDEX submissions_handed_over ON submissions (handed_over_at) WHERE handed_over_at IS NOT NULL;
    `);
  },
};
