import { fileURLToPath } from 'node:url';
import type { FaceDescriber } from '../../electron/services/face-analysis/face-describer.js';
import { workerFaceDescriber } from '../../electron/services/face-analysis/face-describer.js';
import { FACE_DESCRIPTOR_LENGTH } from '../../electron/services/face-analysis/face-description.js';
import { startTsWorker } from './ts-worker.js';

const NODE_MODULES = fileURLToPath(new URL('../../node_modules/', import.meta.url));

/** Main's real describer (Human in a worker thread), run from the sources with the package's own models. */
export function humanFaceDescriber(): FaceDescriber {
  return workerFaceDescriber(() =>
    startTsWorker(new URL('../../electron/services/face-analysis/face-analysis-worker.ts', import.meta.url), {
      modelsDir: `${NODE_MODULES}@vladmandic/human/models`,
      wasmDir: `${NODE_MODULES}@tensorflow/tfjs-backend-wasm/dist`,
    }),
  );
}

/**
 * For tests about other things than faces enrolled twice: every photo shows one face never seen
 * before (a random descriptor, far from any other), so no submission is refused as a duplicate and
 * no test waits for Human. test/duplicates and the browser tests (through the preview host) describe real photos.
 */
export const everyPhotoAStranger: FaceDescriber = {
  describe: async () => ({ kind: 'faces', count: 1, descriptor: Float32Array.from({ length: FACE_DESCRIPTOR_LENGTH }, () => Math.random()) }),
  close: async () => undefined,
};
