// The exact Human model files and tfjs WASM binaries the station loads. The
// capture module, the prepare step and the packaging test all read this list,
// so what ships is what runs.
export const HUMAN_FACE_MODELS = ['blazeface', 'facemesh', 'iris', 'antispoof', 'liveness', 'faceres'];
export const TFJS_WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'];
export const HUMAN_MODELS_SOURCE = 'node_modules/@vladmandic/human/models';
export const TFJS_WASM_SOURCE = 'node_modules/@tensorflow/tfjs-backend-wasm/dist';
export const HUMAN_RESOURCES_DIR = 'resources/human';
