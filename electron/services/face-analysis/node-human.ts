// Human 3.3.6 in Node on the WASM backend, its models and the tfjs WASM files read from disk:
// the station's main process (face-analysis-worker.ts) and the provider emulators both run it.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
// By path: the package's exports map names no subpaths, and esbuild bundles it from here into main's worker.
import { Human } from '../../../node_modules/@vladmandic/human/dist/human.node-wasm.js';
import type * as HumanModule from '@vladmandic/human';

/** Where Human's face models (`*.json` + `*.bin`) and tfjs's `*.wasm` files are. */
export interface NodeHumanFiles {
  readonly modelsDir: string;
  readonly wasmDir: string;
}

/** Decoded pixels, 4 bytes a pixel. */
export interface RgbaPixels {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

// Human resizes for the detector anyway; bounding the input keeps a 12-megapixel photo from
// costing a second of tensor conversion and hundreds of MB.
const MAX_INPUT_SIDE = 1280;

const BASE_CONFIG: Partial<HumanModule.Config> = {
  backend: 'wasm',
  debug: false,
  warmup: 'none',
  cacheModels: false,
  // 0 disables frame-to-frame caching: every image is a separate photo.
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
    const file = decodeURIComponent(new URL(first).pathname.replace(/^\/([A-Za-z]:)/, '$1'));
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

/**
 * Human with its face models loaded from `files`. `config` is merged over a configuration that runs
 * the detector, mesh and descriptor on every image afresh (callers turn on iris, rotation, antispoof, ...).
 */
export async function loadNodeHuman(files: NodeHumanFiles, config: Partial<HumanModule.Config> = {}): Promise<HumanModule.Human> {
  const modelBase = pathToFileURL(files.modelsDir).href;
  const human = new Human({
    ...BASE_CONFIG,
    // tfjs-backend-wasm joins the file name to this prefix.
    wasmPath: files.wasmDir.endsWith('/') || files.wasmDir.endsWith('\\') ? files.wasmDir : `${files.wasmDir}/`,
    modelBasePath: modelBase.endsWith('/') ? modelBase : `${modelBase}/`,
  });
  registerFileLoader(human);
  // load() deep-merges the overrides into the configuration before it picks the models.
  await human.load(config);
  return human;
}

/** Runs Human on decoded pixels (longest side bounded to MAX_INPUT_SIDE) and frees the input tensor. */
export async function detectPixels(human: HumanModule.Human, image: RgbaPixels): Promise<HumanModule.Result> {
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
