import type { Migration } from '../migration.js';

const STATES_BEFORE = `state IN ('queued', 'sending', 'awaiting_result', 'retry_wait', 'needs_attention', 'done', 'discarded')`;
const STATES_AFTER = `state IN ('queued', 'sending', 'awaiting_result', 'retry_wait', 'needs_attention', 'done', 'discarded', 'awaiting_approval')`;

/**
 * A submission may wait for a supervisor's approval before anything is sent. SQLite cannot change
 * a CHECK in place, so the table is rebuilt the documented way (sqlite.org/lang_altertable.html,
 * section 7, with foreign keys off around it): the same columns and rows under the wider CHECK, then
 * its indexes and counting triggers as they were.
 */
export const awaitingApproval: Migration = {
  version: 9,
  name: 'submissions awaiting approval',
  rebuildsTables: true,
  up: (db) => {
    const table = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'submissions'`).get() as { sql: string };
    if (!table.sql.includes(STATES_BEFORE)) throw new Error('submissions has an unexpected state CHECK');
    const dependents = (
      db.prepare(`SELECT sql FROM sqlite_master WHERE tbl_name = 'submissions' AND type IN ('index', 'trigger') AND sql IS NOT NULL`).all() as Array<{
        sql: string;
      }>
    ).map((row) => row.sql);
    db.exec(table.sql.replace('CREATE TABLE submissions', 'CREATE TABLE submissions_rebuilt').replace(STATES_BEFORE, STATES_AFTER));
    db.exec(`INSERT INTO submissions_rebuilt SELECT * FROM submissions;
             DROP TABLE submissions;
             ALTER TABLE submissions_rebuilt RENAME TO submissions;`);
    for (const sql of dependents) db.exec(sql);
  },
};
