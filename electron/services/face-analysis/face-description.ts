import type * as HumanModule from '@vladmandic/human';
import { detectPixels } from './node-human.js';
import { decodePhoto, photoFormat } from './photo-pixels.js';

/** Human's face descriptor (faceres `embedding`): 1024 floats. */
export const FACE_DESCRIPTOR_LENGTH = 1024;

/** What main finds in a photo: the faces Human sees, and the descriptor when there is exactly one. */
export type FaceDescription = { readonly kind: 'unreadable' } | { readonly kind: 'faces'; readonly count: number; readonly descriptor: Float32Array | null };

/**
 * As the capture's candidate frames are analysed (renderer/src/capture/human-config.ts): a tilted
 * head is still found, a weak second face still counts, so main sees at least the faces the desk saw.
 */
export const STATION_FACE_CONFIG: Partial<HumanModule.Config> = {
  face: { detector: { rotation: true, maxDetected: 3, minConfidence: 0.2 } },
} as Partial<HumanModule.Config>;

/** Decodes a JPEG or PNG and describes its faces with `human` (loaded with STATION_FACE_CONFIG). */
export async function describePhoto(human: HumanModule.Human, bytes: Uint8Array): Promise<FaceDescription> {
  const format = photoFormat(bytes);
  if (!format) return { kind: 'unreadable' };
  let pixels;
  try {
    pixels = decodePhoto(bytes, format);
  } catch {
    return { kind: 'unreadable' };
  }
  const faces = (await detectPixels(human, pixels)).face;
  const only = faces.length === 1 ? faces[0] : undefined;
  return { kind: 'faces', count: faces.length, descriptor: only?.embedding?.length ? Float32Array.from(only.embedding) : null };
}
