import type { Database } from 'better-sqlite3';
import type { AuditBreak, AuditEntry, AuditVerification } from '../../../shared/contract/audit.js';
import type { Clock } from '../clock.js';
import type { KeyStore } from '../vault/key-store.js';
import { GENESIS_HASH, headMac, keyedChainHash, legacyChainHash, sameHex, type AuditDetail, type ChainedFields } from './audit-chain.js';
import { loadOrCreateAuditKey, type AuditKey } from './audit-key.js';
import type { AuditEntryInput, AuditRecorder } from './audit-recorder.js';
import { RepeatWindows } from './audit-repeats.js';

interface AuditRow {
  seq: number;
  at: string;
  action: string;
  operator_id: string | null;
  subject: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

interface HeadRow {
  seq: number;
  hash: string;
  mac: string;
}

export interface AuditPageQuery {
  readonly before?: number;
  readonly limit: number;
  readonly action?: string;
}

/**
 * Written, before the row that was asked for, when the sealed head does not match the last row:
 * the head's own fix (a fresh head) must not hide that rows or the head went missing.
 */
export const CHAIN_BROKEN_ACTION = 'audit.chain_broken';

type HeadProblem = Extract<AuditBreak, 'truncated' | 'head_missing' | 'head_mismatch'>;

/** Opens the station's audit log under its key, creating the key (and anchoring older unkeyed rows) on first use. */
export function openAuditLog(db: Database, keyStore: KeyStore, clock: Clock): AuditLog {
  return new AuditLog(db, clock, loadOrCreateAuditKey(db, keyStore, clock));
}

/**
 * The audit log in the station database: rows are only ever appended (the table's triggers
 * refuse UPDATE and DELETE), each with an HMAC under the audit key over the row and the previous
 * row's hash, and the last sequence number and hash are kept MACed in `audit_head`, rewritten in
 * the same transaction as each row. Without the key nobody can edit, remove, reorder or drop
 * rows at the end without verify() naming it.
 */
export class AuditLog implements AuditRecorder {
  readonly #repeats = new RepeatWindows();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly auditKey: AuditKey,
  ) {}

  record(entry: AuditEntryInput): void {
    const now = this.clock.now();
    const summaries = this.#repeats.close(now.getTime());
    const admitted = this.#repeats.admit(entry, now.getTime());
    if (summaries.length === 0 && !admitted) return;
    // A savepoint when the caller is already in a transaction: the row commits or rolls back with their change.
    this.db.transaction(() => {
      for (const summary of summaries) this.append(summary, now);
      if (admitted) this.append(entry, now);
    })();
  }

  /** Writes the counts of events still held back; the station calls it when it closes. */
  flushRepeats(): void {
    this.writeSummaries(this.#repeats.close(null));
  }

  /** Newest first, with the operator's name joined for reading. */
  list(query: AuditPageQuery): { entries: AuditEntry[]; hasMore: boolean } {
    this.recordDueSummaries();
    const rows = this.db
      .prepare(
        `SELECT a.seq, a.at, a.action, a.operator_id, a.subject, a.detail, a.hash, o.name AS operator_name
         FROM audit_log a LEFT JOIN operators o ON o.id = a.operator_id
         WHERE (@before IS NULL OR a.seq < @before) AND (@action IS NULL OR a.action = @action)
         ORDER BY a.seq DESC LIMIT @limit`,
      )
      .all({ before: query.before ?? null, action: query.action ?? null, limit: query.limit + 1 }) as Array<AuditRow & { operator_name: string | null }>;
    return {
      entries: rows.slice(0, query.limit).map((row) => ({
        seq: row.seq,
        at: row.at,
        action: row.action,
        operatorId: row.operator_id,
        operatorName: row.operator_name,
        subject: row.subject,
        detail: JSON.parse(row.detail) as AuditDetail,
        hash: row.hash,
      })),
      hasMore: rows.length > query.limit,
    };
  }

  /**
   * Walks the chain from the first row and stops at the first row that does not follow from the
   * one before (or records an earlier break), then checks the sealed head against the last row.
   */
  verify(): AuditVerification {
    this.recordDueSummaries();
    let previousSeq = 0;
    let previousHash = GENESIS_HASH;
    let count = 0;
    const rows = this.db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>;
    for (const row of rows) {
      // Leaving the for-of closes the statement's iterator.
      const broken = (reason: AuditBreak): AuditVerification => ({ intact: false, count, brokenAt: row.seq, reason });
      if (row.seq !== previousSeq + 1) return broken('sequence_gap');
      if (row.prev_hash !== previousHash) return broken('link_mismatch');
      const detail = parseDetail(row.detail);
      if (!detail) return broken('hash_mismatch');
      const fields = { seq: row.seq, at: row.at, action: row.action, operatorId: row.operator_id, subject: row.subject, detail };
      if (!sameHex(this.hashOf(previousHash, fields), row.hash)) return broken('hash_mismatch');
      if (row.seq === this.auditKey.legacySeq && row.hash !== this.auditKey.legacyHash) return broken('hash_mismatch');
      if (row.action === CHAIN_BROKEN_ACTION) return broken(recordedBreak(detail));
      previousSeq = row.seq;
      previousHash = row.hash;
      count += 1;
    }
    const problem = this.headProblem(this.readHead(), previousSeq, previousHash);
    if (problem) return { intact: false, count, brokenAt: previousSeq + 1, reason: problem };
    return { intact: true, count, headHash: count === 0 ? null : previousHash, unkeyed: Math.min(count, this.auditKey.legacySeq) };
  }

  /** Reads first write the counts of windows that are over, so they show without waiting for the next event. */
  private recordDueSummaries(): void {
    this.writeSummaries(this.#repeats.close(this.clock.now().getTime()));
  }

  private writeSummaries(summaries: AuditEntryInput[]): void {
    if (summaries.length === 0) return;
    const now = this.clock.now();
    this.db.transaction(() => {
      for (const summary of summaries) this.append(summary, now);
    })();
  }

  /** Rows up to the anchor were written by the unkeyed chain; every later one is keyed. */
  private hashOf(previousHash: string, fields: ChainedFields): string {
    return fields.seq <= this.auditKey.legacySeq ? legacyChainHash(previousHash, fields) : keyedChainHash(this.auditKey.key, previousHash, fields);
  }

  private sealHead(seq: number, hash: string): string {
    return headMac(this.auditKey.key, { seq, hash, legacySeq: this.auditKey.legacySeq, legacyHash: this.auditKey.legacyHash });
  }

  private readHead(): HeadRow | undefined {
    return this.db.prepare('SELECT seq, hash, mac FROM audit_head WHERE id = 1').get() as HeadRow | undefined;
  }

  /** Whether the sealed head names the last row: it is missing, forged, or ahead of the rows (rows dropped). */
  private headProblem(head: HeadRow | undefined, lastSeq: number, lastHash: string): HeadProblem | null {
    if (!head) return 'head_missing';
    if (!sameHex(this.sealHead(head.seq, head.hash), head.mac)) return 'head_mismatch';
    if (head.seq > lastSeq) return 'truncated';
    return head.seq === lastSeq && head.hash === lastHash ? null : 'head_mismatch';
  }

  private append(entry: AuditEntryInput, at: Date): void {
    const last = this.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
    let lastSeq = last?.seq ?? 0;
    let lastHash = last?.hash ?? GENESIS_HASH;
    const head = this.readHead();
    const problem = this.headProblem(head, lastSeq, lastHash);
    if (problem) {
      const marker = { action: CHAIN_BROKEN_ACTION, operatorId: null, detail: { reason: problem, headSeq: head?.seq ?? null, lastSeq } };
      lastHash = this.insertRow(marker, at, lastSeq, lastHash);
      lastSeq += 1;
    }
    const hash = this.insertRow(entry, at, lastSeq, lastHash);
    this.db.prepare('INSERT OR REPLACE INTO audit_head (id, seq, hash, mac) VALUES (1, ?, ?, ?)').run(lastSeq + 1, hash, this.sealHead(lastSeq + 1, hash));
  }

  /** Appends one keyed row after (previousSeq, previousHash) and returns its hash. */
  private insertRow(entry: AuditEntryInput, at: Date, previousSeq: number, previousHash: string): string {
    // Through JSON once, so the hashed detail is exactly what verify() will read back (NaN becomes null, etc.).
    const detail = JSON.parse(JSON.stringify(entry.detail ?? {})) as AuditDetail;
    const fields = {
      seq: previousSeq + 1,
      at: at.toISOString(),
      action: entry.action,
      operatorId: entry.operatorId,
      subject: entry.subject ?? null,
      detail,
    };
    const hash = keyedChainHash(this.auditKey.key, previousHash, fields);
    this.db
      .prepare(
        `INSERT INTO audit_log (seq, at, action, operator_id, subject, detail, prev_hash, hash)
         VALUES (@seq, @at, @action, @operatorId, @subject, @detail, @prevHash, @hash)`,
      )
      .run({ ...fields, detail: JSON.stringify(detail), prevHash: previousHash, hash });
    return hash;
  }
}

/** The reason a CHAIN_BROKEN_ACTION row recorded; its detail is covered by the row's HMAC. */
function recordedBreak(detail: AuditDetail): HeadProblem {
  const reason = detail.reason;
  return reason === 'truncated' || reason === 'head_missing' ? reason : 'head_mismatch';
}

function parseDetail(text: string): AuditDetail | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as AuditDetail) : null;
  } catch {
    return null;
  }
}
