import { z } from 'zod';
import { channel } from './define.js';
import { ProviderIdSchema } from '../providers/ids.js';

export const DatabaseStatusSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), path: z.string(), schemaVersion: z.number().int() }),
  // code is a translation key: store_damaged, store_too_new, store_unreadable
  z.object({ ok: z.literal(false), path: z.string(), code: z.string(), detail: z.string() }),
]);
export type DatabaseStatus = z.infer<typeof DatabaseStatusSchema>;

export const StationStatusSchema = z.object({
  appVersion: z.string(),
  database: DatabaseStatusSchema,
  /** Submissions per queue state; empty until the queue holds anything. */
  queue: z.record(z.string(), z.number().int().nonnegative()),
  provider: z.object({ id: ProviderIdSchema, endpoint: z.string().nullable() }).nullable(),
  online: z.boolean(),
  /** Whether the provider answered the last request; null before it was asked. See shared/connection-state.ts. */
  providerAnswers: z.boolean().nullable(),
});
export type StationStatus = z.infer<typeof StationStatusSchema>;

export const statusChannels = {
  'status.get': channel(z.undefined(), StationStatusSchema),
};

export const statusEvents = {
  'status.changed': StationStatusSchema,
};
