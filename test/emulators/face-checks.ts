// What an emulator does with an uploaded photo: decode it, count faces, keep the descriptor.
import { samplePerson } from '../fixtures/faces.js';
import type { FaceEngine } from './face-engine.js';
import { decodeUpload, type DecodedUpload, type ImageFormat } from './images.js';

/**
 * Similarity (Human's 0..1 descriptor similarity) a verification must exceed. The riset document
 * gives 0.75 as its example threshold and GLAIR passes above 75 %; the emulators use the same bar
 * for photo-registry and CIN, which document none.
 */
export const MATCH_THRESHOLD = 0.75;

export type PhotoCheck =
  | { kind: 'unreadable'; failure: Extract<DecodedUpload, { ok: false }>['failure'] }
  | { kind: 'faces'; count: number; descriptor: number[] | null };

export async function checkPhoto(engine: FaceEngine, bytes: Uint8Array, allowed: readonly ImageFormat[]): Promise<PhotoCheck> {
  const decoded = decodeUpload(bytes, allowed);
  if (!decoded.ok) return { kind: 'unreadable', failure: decoded.failure };
  const analysis = await engine.analyze(decoded.image);
  return { kind: 'faces', count: analysis.faceCount, descriptor: analysis.descriptor };
}

/** The best similarity of a probe descriptor against a set of enrolled ones (0 when none). */
export function bestSimilarity(engine: FaceEngine, probe: readonly number[], enrolled: readonly (readonly number[])[]): number {
  return enrolled.reduce((best, reference) => Math.max(best, engine.similarity(probe, reference)), 0);
}

export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

const references = new Map<number, Promise<number[]>>();

/** The descriptor of a registry's reference photo (a sample person), computed once on first use. */
export function referenceDescriptor(engine: FaceEngine, person: number): Promise<number[]> {
  let reference = references.get(person);
  if (!reference) {
    reference = engine.analyze(samplePerson(person)).then((analysis) => {
      if (!analysis.descriptor) throw new Error(`sample person ${person} has no single face`);
      return analysis.descriptor;
    });
    references.set(person, reference);
  }
  return reference;
}
