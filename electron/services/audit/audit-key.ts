import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Clock } from '../clock.js';
import type { KeyStore } from '../vault/key-store.js';
import { GENESIS_HASH, headMac } from './audit-chain.js';

export const AUDIT_KEY_BYTES = 32;

export interface AuditKey {
  readonly key: Buffer;
  /** The last row of the unkeyed sha256 chain (0 and the genesis hash when the log started keyed). */
  readonly legacySeq: number;
  readonly legacyHash: string;
}

/**
 * The audit log's HMAC key: 256 random bits of its own (not the data key, so the two can be
 * rotated apart), kept in the database only sealed by the KeyStore like the data key.
 *
 * Upgrade: the first time a station opens its log with a key, rows already there keep their
 * sha256 hashes and are not re-chained (re-chaining would sign whatever an attacker had left).
 * Instead the key row records the last of them (legacy_seq, legacy_hash), and a sealed head is
 * written for it, so from that moment on dropping old rows is as visible as dropping new ones,
 * and the first keyed row chains on from the last legacy hash.
 *
 * What the database alone cannot show: someone who deletes this row and the head and rewrites
 * every row the unkeyed way gets the whole log anchored as older rows at the next start.
 * verify() then reports every row as unkeyed, and the audit screen says so in words.
 */
export function loadOrCreateAuditKey(db: Database, keyStore: KeyStore, clock: Clock): AuditKey {
  return db
    .transaction((): AuditKey => {
      const row = db.prepare('SELECT sealed, legacy_seq, legacy_hash FROM audit_key WHERE id = 1').get() as
        { sealed: Buffer; legacy_seq: number; legacy_hash: string } | undefined;
      if (row) {
        const key = keyStore.open(row.sealed);
        if (key.length !== AUDIT_KEY_BYTES) throw new Error('The unwrapped audit key has the wrong length.');
        return { key, legacySeq: row.legacy_seq, legacyHash: row.legacy_hash };
      }
      const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
      const created = { key: randomBytes(AUDIT_KEY_BYTES), legacySeq: last?.seq ?? 0, legacyHash: last?.hash ?? GENESIS_HASH };
      db.prepare('INSERT INTO audit_key (id, sealed, legacy_seq, legacy_hash, created_at) VALUES (1, ?, ?, ?, ?)').run(
        keyStore.seal(created.key),
        created.legacySeq,
        created.legacyHash,
        clock.now().toISOString(),
      );
      const head = { seq: created.legacySeq, hash: created.legacyHash, legacySeq: created.legacySeq, legacyHash: created.legacyHash };
      db.prepare('INSERT OR REPLACE INTO audit_head (id, seq, hash, mac) VALUES (1, ?, ?, ?)').run(head.seq, head.hash, headMac(created.key, head));
      return created;
    })
    .immediate();
}
