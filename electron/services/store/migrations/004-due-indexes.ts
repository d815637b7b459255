import type { Migration } from '../migration.js';

/**
 * The engine asks for due work on every wake-up. The old index (state, provider, next_attempt_at)
 * still left "verifications first, then the longest waiting" to a sort of every due row, which grows
 * with a day spent offline. Two partial indexes hold only the runnable rows, in due order: one for
 * all of them and one for verifications, so each question is an ordered scan that stops at its limit.
 */
export const dueIndexes: Migration = {
  version: 4,
  name: 'due-order indexes',
  up: (db) => {
    db.exec(`
      DROP INDEX submissions_due;
      CREATE INDEX submissions_due ON submissions (provider, next_attempt_at)
        WHERE state IN ('queued', 'retry_wait', 'awaiting_result');
      CREATE INDEX submissions_due_verify ON submissions (provider, next_attempt_at)
        WHERE state IN ('queued', 'retry_wait', 'awaiting_result') AND operation = 'verify';
    `);
  },
};
