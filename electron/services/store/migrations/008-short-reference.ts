import type { Migration } from '../migration.js';
import { newShortReference } from '../../queue/short-reference.js';

/**
 * A short reference per submission a clerk can read out (the 36-character id cannot be), unique
 * on this station; the submissions already queued get one under the default prefix.
 */
export const shortReference: Migration = {
  version: 8,
  name: 'short references',
  up: (db) => {
    db.exec(`ALTER TABLE submissions ADD COLUMN short_reference TEXT;`);
    const rows = db.prepare('SELECT id FROM submissions').all() as Array<{ id: string }>;
    const give = db.prepare('UPDATE submissions SET short_reference = ? WHERE id = ?');
    const taken = new Set<string>();
    for (const { id } of rows) {
      let reference = newShortReference('ST');
      while (taken.has(reference)) reference = newShortReference('ST');
      taken.add(reference);
      give.run(reference, id);
    }
    db.exec(`CREATE UNIQUE INDEX submissions_short_reference ON submissions (short_reference);`);
  },
};
