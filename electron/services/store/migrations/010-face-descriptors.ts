import type { Migration } from '../migration.js';

/**
 * The face descriptor of each enrollment, sealed with the identity that enrolled it, kept as long
 * as its photos: a face enrolled again under another identity is caught before submit.
 */
export const faceDescriptors: Migration = {
  version: 10,
  name: 'face descriptors',
  up: (db) => {
    db.exec(`
      CREATE TABLE face_descriptors (
        submission_id TEXT PRIMARY KEY REFERENCES submissions (id),
        provider TEXT NOT NULL,
        sealed BLOB NOT NULL
      ) STRICT;
    `);
  },
};
