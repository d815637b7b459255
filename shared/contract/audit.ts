import { z } from 'zod';
import { channel } from './define.js';

export const AuditDetailSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

export const AuditEntrySchema = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  action: z.string(),
  operatorId: z.string().nullable(),
  /** The operator's current name, for reading; the chain covers only the id. */
  operatorName: z.string().nullable(),
  subject: z.string().nullable(),
  detail: AuditDetailSchema,
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/**
 * What verify() found: a row missing in the middle, a row pointing at another previous hash, a row
 * whose HMAC does not match (edited, or re-chained without the key), rows missing at the end
 * (the sealed head names a later row), the sealed head gone, or the head not matching the last row.
 */
export const AUDIT_BREAKS = ['sequence_gap', 'link_mismatch', 'hash_mismatch', 'truncated', 'head_missing', 'head_mismatch'] as const;
export type AuditBreak = (typeof AUDIT_BREAKS)[number];

export const AuditVerificationSchema = z.discriminatedUnion('intact', [
  z.object({
    intact: z.literal(true),
    count: z.number().int().nonnegative(),
    headHash: z.string().nullable(),
    /** The first rows, written before the chain was keyed: only the unkeyed sha256 chain covers them. */
    unkeyed: z.number().int().nonnegative(),
  }),
  z.object({
    intact: z.literal(false),
    /** Rows checked before the break. */
    count: z.number().int().nonnegative(),
    /** The row that broke; for a break found at the sealed head, the row after the last one. */
    brokenAt: z.number().int(),
    reason: z.enum(AUDIT_BREAKS),
  }),
]);
export type AuditVerification = z.infer<typeof AuditVerificationSchema>;

export const AUDIT_PAGE_SIZE = { default: 50, max: 200 } as const;

export const auditChannels = {
  /** Newest first; pass the last seq you have as `before` for the next page. */
  'audit.list': channel(
    z.object({
      before: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(AUDIT_PAGE_SIZE.max).default(AUDIT_PAGE_SIZE.default),
      action: z.string().min(1).max(100).optional(),
    }),
    z.object({ entries: z.array(AuditEntrySchema), hasMore: z.boolean() }),
  ),
  /** Re-computes the whole keyed chain and the sealed head, and reports the first break. */
  'audit.verify': channel(z.undefined(), AuditVerificationSchema),
};
