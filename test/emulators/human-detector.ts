// Human 3.3.6 in Node on the WASM backend (runs inside the face worker, see face-engine.ts), with
// the package's own models: the emulators' configuration over the station's Node loader.
import { fileURLToPath } from 'node:url';
import type * as HumanModule from '@vladmandic/human';
import { detectPixels, loadNodeHuman as loadHumanFrom } from '../../electron/services/face-analysis/node-human.js';
import type { RgbaImage } from '../fixtures/faces.js';

export interface FaceAnalysis {
  /** Faces the detector found. "Face detected" means exactly one. */
  faceCount: number;
  /** faceres descriptor of the face when exactly one was found. */
  descriptor: number[] | null;
}

const NODE_MODULES = fileURLToPath(new URL('../../node_modules/', import.meta.url));
const PACKAGE_FILES = { modelsDir: `${NODE_MODULES}@vladmandic/human/models`, wasmDir: `${NODE_MODULES}@tensorflow/tfjs-backend-wasm/dist` };

/** Human with models loaded; used from one thread, one image at a time (the caller queues). */
export interface HumanDetector {
  detect(image: RgbaImage): Promise<FaceAnalysis>;
  /** Human's descriptor similarity, 0 (different) .. 1 (same); Human calls >= 0.5 a match. */
  similarity(a: readonly number[], b: readonly number[]): number;
}

async function detect(human: HumanModule.Human, image: RgbaImage): Promise<FaceAnalysis> {
  const faces = (await detectPixels(human, image)).face;
  const only = faces.length === 1 ? faces[0] : undefined;
  return { faceCount: faces.length, descriptor: only?.embedding ? Array.from(only.embedding) : null };
}

/** Human in Node with the package's models read from disk; `config` as loadNodeHuman takes it (other tests turn on iris, rotation, antispoof, ...). */
export const loadNodeHuman = (config: Partial<HumanModule.Config> = {}): Promise<HumanModule.Human> => loadHumanFrom(PACKAGE_FILES, config);

/** Loads Human and the six face models (about 0.2-0.5 s). */
export async function loadHumanDetector(): Promise<HumanDetector> {
  const human = await loadNodeHuman();
  return {
    detect: (image) => detect(human, image),
    similarity: (a, b) => human.match.similarity([...a], [...b]),
  };
}
