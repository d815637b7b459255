// Human 3.3.6 in Node on the WASM backend (runs inside the face worker, see face-engine.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as HumanModule from '@vladmandic/human';
import type { RgbaImage } from '../fixtures/faces.js';

export interface FaceAnalysis {
  /** Faces the detector found. "Face detected" means exactly one. */
  faceCount: number;
  /** faceres descriptor of the face when exactly one was found. */
  descriptor: number[] | null;
}

const NODE_MODULES = fileURLToPath(new URL('../../node_modules/', import.meta.url));
const HUMAN_NODE_WASM = join(NODE_MODULES, '@vladmandic/human/dist/human.node-wasm.js');
const MODELS_DIR = join(NODE_MODULES, '@vladmandic/human/models/');
const WASM_DIR = join(NODE_MODULES, '@tensorflow/tfjs-backend-wasm/dist/');

// Human resizes for the detector anyway; bounding the input keeps a 12-megapixel upload from
// costing a second of tensor conversion and hundreds of MB.
const MAX_INPUT_SIDE = 1280;

const HUMAN_CONFIG: Partial<HumanModule.Config> = {
  backend: 'wasm',
  wasmPath: WASM_DIR,
  modelBasePath: `file://${MODELS_DIR}`,
  debug: false,
  warmup: 'none',
  cacheModels: false,
  // 0 disables frame-to-frame caching: every upload is a separate photo.
  cacheSensitivity: 0,
  filter: { enabled: false },
  gesture: { enabled: false },
  face: {
    enabled: true,
    detector: { rotation: false, maxDetected: 10, skipFrames: 0, skipTime: 0, minConfidence: 0.5 },
    mesh: { enabled: true },
    iris: { enabled: false },
    emotion: { enabled: false },
    description: { enabled: true, skipFrames: 0, skipTime: 0 },
    antispoof: { enabled: false },
    liveness: { enabled: false },
  },
  body: { enabled: false },
  hand: { enabled: false },
  object: { enabled: false },
  segmentation: { enabled: false },
} as Partial<HumanModule.Config>;

interface WeightsManifestGroup {
  paths: string[];
  weights: unknown[];
}

// tfjs cannot fetch file:// URLs in Node: read the model json and its weight files from disk.
function registerFileLoader(human: HumanModule.Human): void {
  human.tf.io.registerLoadRouter((url: string | string[]) => {
    const first = Array.isArray(url) ? url[0] : url;
    if (typeof first !== 'string' || !first.startsWith('file://')) return null;
    const file = first.slice('file://'.length);
    return {
      load: async () => {
        const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & { weightsManifest: WeightsManifestGroup[] };
        const weightSpecs = json.weightsManifest.flatMap((group) => group.weights);
        const weights = Buffer.concat(json.weightsManifest.flatMap((group) => group.paths.map((p) => readFileSync(join(dirname(file), p)))));
        return {
          modelTopology: json.modelTopology,
          format: json.format,
          generatedBy: json.generatedBy,
          convertedBy: json.convertedBy,
          signature: json.signature,
          userDefinedMetadata: json.userDefinedMetadata,
          weightSpecs,
          weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
        } as HumanModule.GraphModel['artifacts'] & object;
      },
    };
  });
}

/** Human with models loaded; used from one thread, one image at a time (the caller queues). */
export interface HumanDetector {
  detect(image: RgbaImage): Promise<FaceAnalysis>;
  /** Human's descriptor similarity, 0 (different) .. 1 (same); Human calls >= 0.5 a match. */
  similarity(a: readonly number[], b: readonly number[]): number;
}

/** Runs Human on decoded pixels (longest side bounded to MAX_INPUT_SIDE) and frees the input tensor. */
export async function detectPixels(human: HumanModule.Human, image: RgbaImage): Promise<HumanModule.Result> {
  const tf = human.tf;
  const rgb = new Uint8Array(image.width * image.height * 3);
  for (let i = 0, j = 0; i < image.data.length; i += 4) {
    rgb[j++] = image.data[i] ?? 0;
    rgb[j++] = image.data[i + 1] ?? 0;
    rgb[j++] = image.data[i + 2] ?? 0;
  }
  const input = tf.tidy(() => {
    const pixels = tf.tensor4d(rgb, [1, image.height, image.width, 3], 'int32');
    const longest = Math.max(image.width, image.height);
    if (longest <= MAX_INPUT_SIDE) return pixels;
    const ratio = MAX_INPUT_SIDE / longest;
    const size: [number, number] = [Math.max(1, Math.round(image.height * ratio)), Math.max(1, Math.round(image.width * ratio))];
    return tf.cast(tf.image.resizeBilinear(pixels, size), 'int32');
  });
  try {
    return await human.detect(input);
  } finally {
    tf.dispose(input);
  }
}

async function detect(human: HumanModule.Human, image: RgbaImage): Promise<FaceAnalysis> {
  const faces = (await detectPixels(human, image)).face;
  const only = faces.length === 1 ? faces[0] : undefined;
  return { faceCount: faces.length, descriptor: only?.embedding ? Array.from(only.embedding) : null };
}

/**
 * Human in Node on the WASM backend with the package's models read from disk. `config` is merged
 * over the emulators' configuration (other tests turn on iris, rotation, antispoof, ...).
 */
export async function loadNodeHuman(config: Partial<HumanModule.Config> = {}): Promise<HumanModule.Human> {
  const require = createRequire(import.meta.url);
  const { Human } = require(HUMAN_NODE_WASM) as typeof HumanModule;
  const human = new Human(HUMAN_CONFIG);
  registerFileLoader(human);
  // load() deep-merges the overrides into the configuration before it picks the models.
  await human.load(config);
  return human;
}

/** Loads Human and the six face models (about 0.2-0.5 s). */
export async function loadHumanDetector(): Promise<HumanDetector> {
  const human = await loadNodeHuman();
  return {
    detect: (image) => detect(human, image),
    similarity: (a, b) => human.match.similarity([...a], [...b]),
  };
}
