import type { Migration } from '../migration.js';

export const foundation: Migration = {
  version: 1,
  name: 'foundation',
  up: (db) => {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value)),
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
