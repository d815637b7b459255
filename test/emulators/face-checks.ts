// What the emulators share about faces: the match threshold and the registries' reference faces.
import { samplePerson } from '../fixtures/faces.js';
import type { FaceEngine } from './face-engine.js';

/**
 * Similarity (Human's 0..1 descriptor similarity) a verification must exceed. The riset document
 * gives 0.75 as its example threshold and GLAIR passes above 75 %; the emulators use the same bar
 * for photo-registry and CIN, which document none.
 */
export const MATCH_THRESHOLD = 0.75;

/** The best similarity of a probe descriptor against a set of enrolled ones (0 when none). */
export async function bestSimilarity(engine: FaceEngine, probe: readonly number[], enrolled: readonly (readonly number[])[]): Promise<number> {
  if (enrolled.length === 0) return 0;
  return Math.max(...(await engine.similarities(probe, enrolled)));
}

export async function similarity(engine: FaceEngine, a: readonly number[], b: readonly number[]): Promise<number> {
  const [value = 0] = await engine.similarities(a, [b]);
  return value;
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
