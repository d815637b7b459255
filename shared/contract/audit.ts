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

export const AUDIT_BREAKS = ['sequence_gap', 'link_mismatch', 'hash_mismatch'] as const;

export const AuditVerificationSchema = z.discriminatedUnion('intact', [
  z.object({ intact: z.literal(true), count: z.number().int().nonnegative(), headHash: z.string().nullable() }),
  z.object({
    intact: z.literal(false),
    /** Rows checked before the break. */
    count: z.number().int().nonnegative(),
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
  /** Re-hashes the whole chain and reports the first broken link. */
  'audit.verify': channel(z.undefined(), AuditVerificationSchema),
};
