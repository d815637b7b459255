import { Worker } from 'node:worker_threads';

// A worker does not inherit the loader vitest or tsx gave the main thread: register tsx's loader
// inside it before importing the TypeScript module.
const TSX_LOADER_API = new URL('../../node_modules/tsx/dist/esm/api/index.mjs', import.meta.url).href;

/** A worker thread running a TypeScript module straight from the sources (the app runs the bundled build of it). */
export function startTsWorker(module: URL, workerData?: unknown): Worker {
  const bootstrap = `import { register } from ${JSON.stringify(TSX_LOADER_API)}; register(); await import(${JSON.stringify(module.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), { workerData });
}
