import type { Database } from 'better-sqlite3';
import type { AuditEntry, AuditVerification } from '../../../shared/contract/audit.js';
import type { Clock } from '../clock.js';
import { chainHash, GENESIS_HASH, type AuditDetail } from './audit-chain.js';
import type { AuditEntryInput, AuditRecorder } from './audit-recorder.js';

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

export interface AuditPageQuery {
  readonly before?: number;
  readonly limit: number;
  readonly action?: string;
}

/**
 * The audit log in the station database: rows are only ever appended (the
 * table's triggers refuse UPDATE and DELETE), each hashed together with the
 * previous row's hash so any later edit, removal or reordering shows up in verify().
 */
export class AuditLog implements AuditRecorder {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  record(entry: AuditEntryInput): void {
    // Through JSON once, so the hashed detail is exactly what verify() will read back (NaN becomes null, etc.).
    const detail = JSON.parse(JSON.stringify(entry.detail ?? {})) as AuditDetail;
    // A savepoint when the caller is already in a transaction: the row commits or rolls back with their change.
    this.db.transaction(() => {
      const last = this.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
        | { seq: number; hash: string }
        | undefined;
      const fields = {
        seq: (last?.seq ?? 0) + 1,
        at: this.clock.now().toISOString(),
        action: entry.action,
        operatorId: entry.operatorId,
        subject: entry.subject ?? null,
        detail,
      };
      const previousHash = last?.hash ?? GENESIS_HASH;
      this.db
        .prepare(
          `INSERT INTO audit_log (seq, at, action, operator_id, subject, detail, prev_hash, hash)
           VALUES (@seq, @at, @action, @operatorId, @subject, @detail, @prevHash, @hash)`,
        )
        .run({ ...fields, detail: JSON.stringify(detail), prevHash: previousHash, hash: chainHash(previousHash, fields) });
    })();
  }

  /** Newest first, with the operator's name joined for reading. */
  list(query: AuditPageQuery): { entries: AuditEntry[]; hasMore: boolean } {
    const rows = this.db
      .prepare(
        `SELECT a.seq, a.at, a.action, a.operator_id, a.subject, a.detail, a.hash, o.name AS operator_name
         FROM audit_log a LEFT JOIN operators o ON o.id = a.operator_id
         WHERE (@before IS NULL OR a.seq < @before) AND (@action IS NULL OR a.action = @action)
         ORDER BY a.seq DESC LIMIT @limit`,
      )
      .all({ before: query.before ?? null, action: query.action ?? null, limit: query.limit + 1 }) as Array<
      AuditRow & { operator_name: string | null }
    >;
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

  /** Walks the chain from the first row and stops at the first row that does not follow from the one before. */
  verify(): AuditVerification {
    let previousSeq = 0;
    let previousHash = GENESIS_HASH;
    let count = 0;
    const rows = this.db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>;
    for (const row of rows) {
      // Leaving the for-of closes the statement's iterator.
      const broken = (reason: 'sequence_gap' | 'link_mismatch' | 'hash_mismatch'): AuditVerification => ({
        intact: false,
        count,
        brokenAt: row.seq,
        reason,
      });
      if (row.seq !== previousSeq + 1) return broken('sequence_gap');
      if (row.prev_hash !== previousHash) return broken('link_mismatch');
      const detail = parseDetail(row.detail);
      if (!detail) return broken('hash_mismatch');
      const fields = { seq: row.seq, at: row.at, action: row.action, operatorId: row.operator_id, subject: row.subject, detail };
      if (chainHash(previousHash, fields) !== row.hash) return broken('hash_mismatch');
      previousSeq = row.seq;
      previousHash = row.hash;
      count += 1;
    }
    return { intact: true, count, headHash: count === 0 ? null : previousHash };
  }
}

function parseDetail(text: string): AuditDetail | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as AuditDetail) : null;
  } catch {
    return null;
  }
}
