import { createHash } from 'node:crypto';

/** The `prev_hash` of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditDetail = Readonly<Record<string, string | number | boolean | null>>;

/** The fields a row's hash covers: everything but the hashes themselves. */
export interface ChainedFields {
  readonly seq: number;
  readonly at: string;
  readonly action: string;
  readonly operatorId: string | null;
  readonly subject: string | null;
  readonly detail: AuditDetail;
}

/** One unambiguous text per row: a JSON array in fixed order, detail keys sorted. */
export function canonicalRow(row: ChainedFields): string {
  const detail = Object.fromEntries(Object.entries(row.detail).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.stringify([row.seq, row.at, row.action, row.operatorId, row.subject, detail]);
}

/** sha256(previous hash + canonical row), hex. */
export const chainHash = (previousHash: string, row: ChainedFields): string =>
  createHash('sha256').update(previousHash).update(canonicalRow(row)).digest('hex');
