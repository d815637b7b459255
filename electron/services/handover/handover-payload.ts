import { z } from 'zod';
import { AssetKindSchema, CaptureMetadataSchema, CheckInSchema, OperationSchema } from '../../../shared/contract/queue.js';
import { ProviderIdSchema } from '../../../shared/providers/ids.js';
import type { CarriedSubmission } from '../queue/carried-submissions.js';

/**
 * What a hand-carry file holds once opened. Checked again on import even though the GCM tag
 * proves who wrote it: whoever knows the passphrase can write a file, and main trusts no input.
 */
const CarriedSubmissionSchema = z.object({
  id: z.string().min(1).max(100),
  shortReference: z.string().min(1).max(20),
  operation: OperationSchema,
  provider: ProviderIdSchema,
  fields: z.record(z.string(), z.string().max(200)),
  checkIn: CheckInSchema.nullable(),
  capture: CaptureMetadataSchema,
  consentAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
  steps: z.array(z.string().min(1).max(100)).min(1).max(20),
  stepIndex: z.number().int().nonnegative(),
  stepState: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable(),
  stepMayHaveArrived: z.boolean(),
  assets: z.array(z.object({ kind: AssetKindSchema, mime: z.enum(['image/jpeg', 'image/png', 'video/webm']), dataBase64: z.base64() })).max(12),
});

const PayloadSchema = z.object({ submissions: z.array(CarriedSubmissionSchema) });

export function encodeCarried(items: readonly CarriedSubmission[]): Buffer {
  const submissions = items.map(({ assets, ...item }) => ({
    ...item,
    assets: assets.map((asset) => ({ kind: asset.kind, mime: asset.mime, dataBase64: asset.bytes.toString('base64') })),
  }));
  return Buffer.from(JSON.stringify({ submissions }), 'utf8');
}

/** The carried submissions, or null when the payload is not of this format. */
export function decodeCarried(payload: Buffer): CarriedSubmission[] | null {
  let raw: unknown;
  try {
    raw = JSON.parse(payload.toString('utf8'));
  } catch {
    return null;
  }
  const parsed = PayloadSchema.safeParse(raw);
  if (!parsed.success) return null;
  const items = parsed.data.submissions;
  if (items.some((item) => item.stepIndex >= item.steps.length) || new Set(items.map((item) => item.id)).size !== items.length) return null;
  return items.map(({ assets, ...item }) => ({
    ...item,
    assets: assets.map((asset) => ({ kind: asset.kind, mime: asset.mime, bytes: Buffer.from(asset.dataBase64, 'base64') })),
  }));
}
