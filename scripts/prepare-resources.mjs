// Copies Human's face models and the tfjs WASM binaries from node_modules into
// resources/human, which the app serves on its own origin (never a CDN), and makes
// the self-test's face image from Human's sample assets (scripts/self-test-image.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { HUMAN_FACE_MODELS, HUMAN_MODELS_SOURCE, HUMAN_RESOURCES_DIR, TFJS_WASM_FILES, TFJS_WASM_SOURCE } from './human-resources.mjs';
import { writeSelfTestFace } from './self-test-image.mjs';

const copy = (from, to) => {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
};
for (const model of HUMAN_FACE_MODELS) {
  for (const extension of ['.json', '.bin']) {
    copy(path.join(HUMAN_MODELS_SOURCE, model + extension), path.join(HUMAN_RESOURCES_DIR, 'models', model + extension));
  }
}
for (const file of TFJS_WASM_FILES) copy(path.join(TFJS_WASM_SOURCE, file), path.join(HUMAN_RESOURCES_DIR, 'wasm', file));
writeSelfTestFace(HUMAN_RESOURCES_DIR);
console.log(`prepared ${HUMAN_FACE_MODELS.length} models and ${TFJS_WASM_FILES.length} wasm files and the self-test face in ${HUMAN_RESOURCES_DIR}`);
