import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

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

/** Rows written before the keyed chain: sha256(previous hash + canonical row), hex. Anyone can recompute it. */
export const legacyChainHash = (previousHash: string, row: ChainedFields): string =>
  createHash('sha256').update(previousHash).update(canonicalRow(row)).digest('hex');

/** HMAC-SHA256(audit key, previous hash + canonical row), hex: only the holder of the key can extend or rewrite the chain. */
export const keyedChainHash = (key: Buffer, previousHash: string, row: ChainedFields): string =>
  createHmac('sha256', key).update(previousHash).update(canonicalRow(row)).digest('hex');

/** Where the chain ends and where its unkeyed part ended; sealed together so neither can be moved alone. */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
  readonly legacySeq: number;
  readonly legacyHash: string;
}

export const headMac = (key: Buffer, head: ChainHead): string =>
  createHmac('sha256', key)
    .update(JSON.stringify(['audit-head', head.seq, head.hash, head.legacySeq, head.legacyHash]))
    .digest('hex');

export function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
