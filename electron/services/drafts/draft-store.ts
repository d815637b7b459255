import type { Database } from 'better-sqlite3';
import type { Draft, DraftCaptureInput, DraftCaptureKind, DraftFace, DraftFile, DraftForm, DraftIdCard } from '../../../shared/contract/drafts.js';
import { StationFailure } from '../../../shared/contract/result.js';
import type { Clock } from '../clock.js';
import type { Vault } from '../vault/vault.js';

const HOUR_MS = 3_600_000;

/** A capture's files leave the metadata: photos are stored as bytes, each sealed on its own. */
type CaptureParts = { meta: unknown; files: Array<{ mime: string; bytes: Buffer }> };

/** The vault owner of an operator's draft: its blobs open only as that operator's draft. */
const owner = (operatorId: string): string => `draft:${operatorId}`;

/**
 * Each operator's one enrollment in progress, sealed under the data key (fields, consent,
 * photos, capture metadata alike). Keyed by operator: no call names another operator's draft.
 */
export class DraftStore {
  constructor(
    private readonly db: Database,
    private readonly vault: Vault,
    private readonly clock: Clock,
    /** Hours after its last change a draft is purged (settings `draftExpiryHours`). */
    private readonly expiryHours: () => number,
  ) {}

  saveForm(operatorId: string, form: DraftForm): string {
    const now = this.clock.now();
    const sealed = this.vault.sealJson(owner(operatorId), 'draft-form', form);
    // A form for another provider starts over: the captures were taken for the old one's needs.
    this.db.transaction(() => {
      const current = this.db.prepare('SELECT provider FROM drafts WHERE operator_id = ?').get(operatorId) as { provider: string } | undefined;
      if (current && current.provider !== form.provider) this.db.prepare('DELETE FROM draft_captures WHERE operator_id = ?').run(operatorId);
      this.db
        .prepare(
          `INSERT INTO drafts (operator_id, provider, form, updated_at, updated_ms) VALUES (@operatorId, @provider, @form, @at, @ms)
           ON CONFLICT (operator_id) DO UPDATE SET provider = @provider, form = @form, updated_at = @at, updated_ms = @ms`,
        )
        .run({ operatorId, provider: form.provider, form: sealed, at: now.toISOString(), ms: now.getTime() });
    })();
    return now.toISOString();
  }

  /** Replaces one capture (its metadata and files) in one transaction; null removes it. */
  saveCapture(operatorId: string, input: DraftCaptureInput): string {
    const now = this.clock.now();
    const parts = captureParts(input);
    const id = owner(operatorId);
    const sealedMeta = parts ? this.vault.sealJson(id, `draft-meta:${input.capture}`, parts.meta) : null;
    const sealedFiles =
      parts?.files.map((file, seq) => ({ mime: file.mime, data: this.vault.seal(id, `draft-file:${input.capture}:${seq}`, file.bytes) })) ?? [];
    this.db.transaction(() => {
      const touched = this.db
        .prepare('UPDATE drafts SET updated_at = ?, updated_ms = ? WHERE operator_id = ?')
        .run(now.toISOString(), now.getTime(), operatorId);
      if (touched.changes === 0) throw new StationFailure('draft_missing', 'There is no enrollment in progress to add this capture to.');
      this.db.prepare('DELETE FROM draft_captures WHERE operator_id = ? AND capture = ?').run(operatorId, input.capture);
      if (!sealedMeta) return;
      this.db.prepare('INSERT INTO draft_captures (operator_id, capture, meta) VALUES (?, ?, ?)').run(operatorId, input.capture, sealedMeta);
      const insertFile = this.db.prepare('INSERT INTO draft_files (operator_id, capture, seq, mime, data) VALUES (?, ?, ?, ?, ?)');
      sealedFiles.forEach((file, seq) => insertFile.run(operatorId, input.capture, seq, file.mime, file.data));
    })();
    return now.toISOString();
  }

  /** The operator's draft, photos included; an expired one is deleted instead of answered. */
  load(operatorId: string): Draft | null {
    const row = this.db.prepare('SELECT form, updated_at, updated_ms FROM drafts WHERE operator_id = ?').get(operatorId) as
      { form: Buffer; updated_at: string; updated_ms: number } | undefined;
    if (!row) return null;
    const expiresMs = row.updated_ms + this.expiryHours() * HOUR_MS;
    if (expiresMs <= this.clock.now().getTime()) {
      this.delete(operatorId);
      return null;
    }
    const id = owner(operatorId);
    const captures = this.db.prepare('SELECT capture, meta FROM draft_captures WHERE operator_id = ?').all(operatorId) as Array<{
      capture: DraftCaptureKind;
      meta: Buffer;
    }>;
    // Copied out of the opened Buffer: a small one may sit in Node's shared pool, and structured
    // clone would carry the whole pool to the renderer with it.
    const filesOf = (capture: DraftCaptureKind): Array<{ mime: string; bytes: Uint8Array }> =>
      (
        this.db.prepare('SELECT seq, mime, data FROM draft_files WHERE operator_id = ? AND capture = ? ORDER BY seq').all(operatorId, capture) as Array<{
          seq: number;
          mime: string;
          data: Buffer;
        }>
      ).map((file) => ({ mime: file.mime, bytes: new Uint8Array(this.vault.open(id, `draft-file:${capture}:${file.seq}`, file.data)) }));
    const draft: Draft = {
      form: this.vault.openJson(id, 'draft-form', row.form) as DraftForm,
      face: null,
      idCard: null,
      clip: null,
      updatedAt: row.updated_at,
      expiresAt: new Date(expiresMs).toISOString(),
    };
    for (const { capture, meta } of captures) {
      const opened = this.vault.openJson(id, `draft-meta:${capture}`, meta);
      const files = filesOf(capture);
      if (capture === 'face') {
        const face = opened as Omit<DraftFace, 'photos'> & { photos: Array<Omit<DraftFace['photos'][number], 'bytes'>> };
        draft.face = { ...face, photos: face.photos.map((photo, seq) => ({ ...photo, bytes: files[seq]?.bytes ?? new Uint8Array(0) })) };
      } else if (capture === 'idCard') {
        const card = opened as Pick<DraftIdCard, 'descriptor'>;
        draft.idCard = { ...(files[0] as DraftFile), descriptor: card.descriptor };
      } else draft.clip = files[0] as DraftFile;
    }
    return draft;
  }

  /** Deletes the operator's draft with its captures; answers whether there was one. */
  delete(operatorId: string): boolean {
    return this.db.prepare('DELETE FROM drafts WHERE operator_id = ?').run(operatorId).changes > 0;
  }

  /** Whether any operator changed their draft at or after `sinceMs`: someone is in the wizard now. */
  changedSince(sinceMs: number): boolean {
    return this.db.prepare('SELECT 1 FROM drafts WHERE updated_ms >= ? LIMIT 1').get(sinceMs) !== undefined;
  }

  /** Deletes every draft not changed for the expiry hours; answers how many went. */
  purgeExpired(): number {
    const before = this.clock.now().getTime() - this.expiryHours() * HOUR_MS;
    return this.db.prepare('DELETE FROM drafts WHERE updated_ms <= ?').run(before).changes;
  }
}

/** The metadata to seal as JSON and the files to seal as bytes; null when the capture is removed. */
function captureParts(input: DraftCaptureInput): CaptureParts | null {
  // A Buffer over the bytes the bridge delivered, not a copy of them.
  const bytes = (data: Uint8Array): Buffer => Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  switch (input.capture) {
    case 'face': {
      if (!input.face) return null;
      const { photos, ...rest } = input.face;
      return {
        meta: { ...rest, photos: photos.map(({ bytes: _bytes, ...photo }) => photo) },
        files: photos.map((photo) => ({ mime: 'image/jpeg', bytes: bytes(photo.bytes) })),
      };
    }
    case 'idCard':
      return input.idCard ? { meta: { descriptor: input.idCard.descriptor }, files: [{ mime: input.idCard.mime, bytes: bytes(input.idCard.bytes) }] } : null;
    case 'clip':
      return input.clip ? { meta: {}, files: [{ mime: input.clip.mime, bytes: bytes(input.clip.bytes) }] } : null;
  }
}
