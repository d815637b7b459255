import type { SubmitInput } from '../../../shared/contract/queue.js';
import { StationFailure } from '../../../shared/contract/result.js';
import type { FaceDescriber } from '../face-analysis/face-describer.js';

/** The photo an enrollment's duplicate check looks at: the first face photo, or the ID card where the provider takes only that (cin-auth). */
export function enrollmentPhoto(input: Pick<SubmitInput, 'operation' | 'assets'>): Uint8Array | null {
  if (input.operation !== 'enroll') return null;
  const photo = input.assets.find((asset) => asset.kind === 'face') ?? input.assets.find((asset) => asset.kind === 'id-card');
  return photo?.bytes ?? null;
}

/**
 * Main's own descriptor of the one face in `photo` (the renderer's word is never taken: a seat with
 * the bridge could send any). A photo main cannot read, or finds no face or several faces in, is refused.
 */
export async function photoDescriptor(describer: FaceDescriber, photo: Uint8Array): Promise<Float32Array> {
  const description = await describer.describe(photo);
  if (description.kind === 'unreadable') throw new StationFailure('enrollment_photo_unreadable', 'The station cannot read the photo; take it again.');
  if (!description.descriptor) {
    throw new StationFailure('enrollment_face_not_single', `The station finds ${description.count} faces in the photo; an enrollment needs exactly one.`, {
      count: description.count,
    });
  }
  return description.descriptor;
}

/**
 * The descriptor an enrollment is checked and kept with; null when there is nothing to check (not an
 * enrollment, no photo). A supervisor's photo taken by hand, in which main finds no single face, goes
 * unchecked (the handler audits that) instead of being refused: taking it by hand is the way out when the checks fail.
 */
export async function enrollmentDescriptor(
  describer: FaceDescriber,
  input: Pick<SubmitInput, 'operation' | 'assets' | 'capture'>,
): Promise<Float32Array | null> {
  const photo = enrollmentPhoto(input);
  if (!photo) return null;
  try {
    return await photoDescriptor(describer, photo);
  } catch (error) {
    if (error instanceof StationFailure && input.capture.manual) return null;
    throw error;
  }
}
