import type { Migration } from '../migration.js';

/**
 * Delivered submissions whose photos are still kept, by delivery time: the retention sweep runs
 * every second while sending and on the engine's timer, and without this index it read every
 * submission ever kept.
 */
export const keptAssetsIndex: Migration = {
  version: 6,
  name: 'delivered submissions with photos',
  up: (db) => {
    db.exec(`CREATE INDEX submissions_assets_kept ON submissions (done_at) WHERE state = 'done' AND assets_deleted_at IS NULL;`);
  },
};
