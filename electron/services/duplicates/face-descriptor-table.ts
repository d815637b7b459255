import type { Database, Statement } from 'better-sqlite3';
import type { ProviderId } from '../../../shared/providers/ids.js';
import type { Vault } from '../vault/vault.js';

/** An enrollment's face as the duplicate check compares it. */
export interface KeptFace {
  readonly submissionId: string;
  readonly shortReference: string;
  readonly createdAt: string;
  readonly provider: ProviderId;
  /** identityKey() of the enrollment's fields. */
  readonly identity: string;
  readonly descriptor: Float32Array;
}

/** What the table seals for one enrollment: the face and the identity it was enrolled under. */
export interface FaceToKeep {
  readonly identity: string;
  readonly descriptor: Float32Array;
}

const FLOAT_BYTES = 4;
const LENGTH_BYTES = 4;
/**
 * The face_descriptors table (migration 11): one sealed descriptor and identity per enrollment,
 * bound to its submission id like the photos. The queue store writes and deletes rows inside its
 * own transactions, so a descriptor lives exactly as long as the photos.
 */
export class FaceDescriptorTable {
  readonly #insert: Statement;
  readonly #delete: Statement;
  readonly #kept: Statement;

  constructor(
    db: Database,
    private readonly vault: Vault,
  ) {
    this.#insert = db.prepare('INSERT INTO face_descriptors (submission_id, provider, sealed) VALUES (?, ?, ?)');
    this.#delete = db.prepare('DELETE FROM face_descriptors WHERE submission_id = ?');
    this.#kept = db.prepare(
      `SELECT f.submission_id, f.provider, f.sealed, s.short_reference, s.created_at
       FROM face_descriptors f JOIN submissions s ON s.id = f.submission_id ORDER BY s.created_at`,
    );
  }

  /**
   * The sealed row, made before the caller's transaction so the write lock is held only for the
   * insert: the descriptor's floats (little-endian), then the identity in UTF-8.
   */
  seal(submissionId: string, face: FaceToKeep): Buffer {
    const floats = face.descriptor.length * FLOAT_BYTES;
    const plain = Buffer.alloc(LENGTH_BYTES + floats + Buffer.byteLength(face.identity, 'utf8'));
    plain.writeUInt32LE(face.descriptor.length, 0);
    face.descriptor.forEach((value, index) => plain.writeFloatLE(value, LENGTH_BYTES + index * FLOAT_BYTES));
    plain.write(face.identity, LENGTH_BYTES + floats, 'utf8');
    return this.vault.seal(submissionId, 'face-descriptor', plain);
  }

  insert(submissionId: string, provider: ProviderId, sealed: Buffer): void {
    this.#insert.run(submissionId, provider, sealed);
  }

  delete(submissionId: string): void {
    this.#delete.run(submissionId);
  }

  /** Every kept face, opened: the duplicate check loads them once and keeps them in memory. */
  kept(): KeptFace[] {
    const rows = this.#kept.all() as Array<{ submission_id: string; provider: ProviderId; sealed: Buffer; short_reference: string; created_at: string }>;
    return rows.map((row) => {
      const plain = this.vault.open(row.submission_id, 'face-descriptor', row.sealed);
      const length = plain.readUInt32LE(0);
      const end = LENGTH_BYTES + length * FLOAT_BYTES;
      // Copied into an aligned buffer and read as they are: the station's CPUs (x64, arm64) are little-endian, like the stored floats.
      const aligned = new Uint8Array(length * FLOAT_BYTES);
      aligned.set(plain.subarray(LENGTH_BYTES, end));
      return {
        submissionId: row.submission_id,
        shortReference: row.short_reference,
        createdAt: row.created_at,
        provider: row.provider,
        identity: plain.toString('utf8', end),
        descriptor: new Float32Array(aligned.buffer),
      };
    });
  }
}
