import type { FaceDescriptorTable } from '../duplicates/face-descriptor-table.js';
import type { SubmissionRows } from './submission-rows.js';

/**
 * Deletes what identifies a person once it is no longer needed: a submission's photos and kept
 * face (discarded, recaptured, handed over), and with retention also its identity fields and
 * check-in. Those who keep faces in memory hear of it only once the deleting transaction committed.
 */
export class BiometricsDeletion {
  /** Submissions whose photos (and face) the running transaction deletes; announced once it commits. */
  #forgotten: string[] = [];
  readonly #listeners: Array<(submissionIds: readonly string[]) => void> = [];

  constructor(
    private readonly rows: SubmissionRows,
    private readonly faces: FaceDescriptorTable,
  ) {}

  /** Called after every commit that deleted photos, with those submissions: their faces went with them. */
  onFacesForgotten(listener: (submissionIds: readonly string[]) => void): void {
    this.#listeners.push(listener);
  }

  /** Runs a transaction that may delete photos; the faces that went with them are announced only once it committed. */
  announcing<T>(transaction: () => T): T {
    try {
      const result = transaction();
      const forgotten = this.#forgotten;
      this.#forgotten = [];
      if (forgotten.length > 0) for (const listener of this.#listeners) listener(forgotten);
      return result;
    } catch (error) {
      this.#forgotten = [];
      throw error;
    }
  }

  /** One submission's photos and face; inside a transaction run by announcing(). */
  deleteAssets(id: string, at: string): void {
    this.rows.prepare('DELETE FROM submission_assets WHERE submission_id = ?').run(id);
    this.faces.delete(id);
    this.#forgotten.push(id);
    this.rows.prepare('UPDATE submissions SET assets_deleted_at = @at WHERE id = @id').run({ id, at });
  }

  /**
   * Deletes the assets and the identity fields (and the check-in) of delivered submissions done at
   * or before `doneBefore` (all of them when null), in one transaction: what identifies the person
   * goes with the photos. Returns the submissions that lost them.
   */
  deleteDelivered(doneBefore: Date | null, at: string): string[] {
    const { db } = this.rows;
    return this.announcing(
      db.transaction(() => {
        // Reads only the partial index submissions_assets_kept (migration 6): delivered, photos kept.
        const delivered = this.rows
          .prepare(`SELECT id FROM submissions WHERE state = 'done' AND assets_deleted_at IS NULL AND (@before IS NULL OR done_at <= @before)`)
          .all({ before: doneBefore?.toISOString() ?? null }) as Array<{ id: string }>;
        const forgetPerson = this.rows.prepare(
          `UPDATE submissions SET fields = x'', check_in = NULL, outcome = json_remove(outcome, '$.sealedCheckIn') WHERE id = ?`,
        );
        for (const { id } of delivered) {
          this.deleteAssets(id, at);
          forgetPerson.run(id);
          this.rows.forgetLabel(id);
        }
        return delivered.map(({ id }) => id);
      }),
    );
  }

  /** Gives freed pages back to the file system (deleted photos otherwise only become reusable space). */
  reclaimSpace(): void {
    const { db } = this.rows;
    db.pragma('incremental_vacuum');
    // The file shrinks at checkpoint; truncate the WAL so the old pages leave the disk too.
    db.pragma('wal_checkpoint(TRUNCATE)');
  }
}
