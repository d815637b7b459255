import { z } from 'zod';
import { channel } from './define.js';
import { OPERATIONS } from '../providers/declaration.js';
import { bytesSchema, MAX_ASSET_BYTES } from './bytes.js';

/** A supervisor's reason to enroll a face this station already holds under another identity: written out, so it can be read in the audit log. */
export const DUPLICATE_REASON_LENGTH = { min: 10, max: 300 } as const;
export const DuplicateAcknowledgementSchema = z.object({
  reason: z.string().trim().min(DUPLICATE_REASON_LENGTH.min).max(DUPLICATE_REASON_LENGTH.max),
});
export type DuplicateAcknowledgement = z.infer<typeof DuplicateAcknowledgementSchema>;

/** An earlier enrollment of this station whose face matches, under another identity: when and which, never who. */
export const DuplicateMatchSchema = z.object({
  shortReference: z.string(),
  createdAt: z.iso.datetime(),
});
export type DuplicateMatch = z.infer<typeof DuplicateMatchSchema>;

/** The most matches a check answers, best first. */
export const MAX_DUPLICATE_MATCHES = 3;

export const duplicatesChannels = {
  /**
   * Any signed-in operator, before submit: the face in this photo against the faces this station still keeps
   * (same provider, other identity fields). queue.submit checks again and refuses what was not acknowledged;
   * a photo main finds no single face in is refused (`enrollment_face_not_single`).
   */
  'duplicates.check': channel(
    z.object({
      operation: z.enum(OPERATIONS),
      fields: z.record(z.string(), z.string().max(200)),
      /** The photo main compares: the first face photo, or the ID card where the provider takes only that. Main finds the face itself. */
      photo: bytesSchema({ min: 4, max: MAX_ASSET_BYTES }),
      /** The needs-attention submission a recapture replaces: never reported as a duplicate of its own recapture. */
      replaces: z.string().max(100).nullable().optional(),
    }),
    z.object({ matches: z.array(DuplicateMatchSchema).max(MAX_DUPLICATE_MATCHES) }),
  ),
};
