import { z } from 'zod';
import { channel } from './define.js';
import { ProviderIdSchema } from '../providers/ids.js';
import { bytesSchema, MAX_ASSET_BYTES, totalBytesCheck } from './bytes.js';
import { CaptureMetadataSchema, MANUAL_CAPTURE_REASONS, MAX_SUBMISSION_BYTES } from './queue.js';

/** The enroll wizard's steps a draft can stand at (the receipt is never a draft: the submission is queued). */
export const DRAFT_STEPS = ['identity', 'consent', 'face', 'idCard', 'clip', 'review'] as const;
export const DRAFT_CAPTURES = ['face', 'idCard', 'clip'] as const;
export type DraftCaptureKind = (typeof DRAFT_CAPTURES)[number];

/** What a keystroke changes: saved (debounced) as it changes, never with the photos. */
export const DraftFormSchema = z.object({
  provider: ProviderIdSchema,
  step: z.enum(DRAFT_STEPS),
  fields: z.record(z.string(), z.string().max(200)),
  acceptWarnings: z.boolean(),
  consentAt: z.iso.datetime().nullable(),
  /** The needs-attention submission this enrollment recaptures. */
  replaces: z.string().max(100).nullable(),
});
export type DraftForm = z.infer<typeof DraftFormSchema>;

/** Human's face descriptor (1024 numbers); a hint for the local ID-card match, sealed with the photos. */
const DescriptorSchema = z.array(z.number()).max(2048).nullable();
const AssetBytesSchema = bytesSchema({ min: 4, max: MAX_ASSET_BYTES });
const FileSchema = z.object({ mime: z.enum(['image/jpeg', 'image/png', 'video/webm']), bytes: AssetBytesSchema });
const PhotoSchema = z.object({
  bytes: AssetBytesSchema,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  scores: z.record(z.string(), z.number()),
});

export const DraftFaceSchema = z.object({
  photos: z.array(PhotoSchema).min(1).max(12),
  liveness: CaptureMetadataSchema.shape.liveness,
  descriptor: DescriptorSchema,
  manualReason: z.enum(MANUAL_CAPTURE_REASONS).nullable(),
});
export const DraftIdCardSchema = FileSchema.extend({ descriptor: DescriptorSchema });
export type DraftFace = z.infer<typeof DraftFaceSchema>;
export type DraftIdCard = z.infer<typeof DraftIdCardSchema>;
export type DraftFile = z.infer<typeof FileSchema>;

/** One capture as it was taken (saved once per capture); null removes it (retaken later, or skipped). */
export const DraftCaptureInputSchema = z
  .discriminatedUnion('capture', [
    z.object({ capture: z.literal('face'), face: DraftFaceSchema.nullable() }),
    z.object({ capture: z.literal('idCard'), idCard: DraftIdCardSchema.nullable() }),
    z.object({ capture: z.literal('clip'), clip: FileSchema.nullable() }),
  ])
  .superRefine(totalBytesCheck(MAX_SUBMISSION_BYTES, (input) => (input.capture === 'face' && input.face ? input.face.photos.map((photo) => photo.bytes) : [])));
export type DraftCaptureInput = z.infer<typeof DraftCaptureInputSchema>;

/** A draft as it is given back to its operator, photos included. */
export const DraftSchema = z.object({
  form: DraftFormSchema,
  face: DraftFaceSchema.nullable(),
  idCard: DraftIdCardSchema.nullable(),
  clip: FileSchema.nullable(),
  updatedAt: z.iso.datetime(),
  /** When it is purged unless it changes again (settings `draftExpiryHours`). */
  expiresAt: z.iso.datetime(),
});
export type Draft = z.infer<typeof DraftSchema>;

/** Every channel acts on the signed-in operator's own draft only; another operator's is never named or read. */
export const draftChannels = {
  'drafts.saveForm': channel(DraftFormSchema, z.object({ updatedAt: z.iso.datetime() })),
  /** Needs the form saved first (the wizard saves it before any capture). */
  'drafts.saveCapture': channel(DraftCaptureInputSchema, z.object({ updatedAt: z.iso.datetime() })),
  'drafts.load': channel(z.undefined(), DraftSchema.nullable()),
  /** Audited, without personal data. */
  'drafts.discard': channel(z.undefined(), z.object({ discarded: z.boolean() })),
};
