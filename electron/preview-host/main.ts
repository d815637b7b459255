import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../services/clock.js';
import { FACE_ANALYSIS_WORKER_FILE, faceAnalysisWorker, workerFaceDescriber } from '../services/face-analysis/face-describer.js';
import { createLogger } from '../services/logger.js';
import { createStation, HANDOVER_FOLDER_NAME } from '../services/station.js';
import { createFileKeyStore } from '../services/vault/file-key-store.js';
import { parsePreviewOptions, PreviewOptionsError, type PreviewOptions } from './preview-options.js';
import { builtPreviewFiles, startPreviewServer } from './preview-server.js';

// `npm run preview`: the station's main-process services in plain Node, with
// the built renderer served on loopback. For machines without Electron and for e2e tests.
let options: PreviewOptions;
try {
  options = parsePreviewOptions(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof PreviewOptionsError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}
const repositoryRoot = path.resolve(import.meta.dirname, '..', '..');
const log = createLogger({ destination: path.join(options.dataDir, 'logs', 'preview.log') });

const hasNetworkInterface = (): boolean => Object.values(os.networkInterfaces()).some((entries) => entries?.some((entry) => !entry.internal));

// The worker main.cjs starts in the app, from the same build; Human's files from resources/ as in development.
const humanRoot = path.join(repositoryRoot, 'resources', 'human');
const faceDescriber = workerFaceDescriber(() =>
  faceAnalysisWorker(path.join(repositoryRoot, 'dist', 'electron', FACE_ANALYSIS_WORKER_FILE), {
    modelsDir: path.join(humanRoot, 'models'),
    wasmDir: path.join(humanRoot, 'wasm'),
  }),
);

const station = createStation({
  dataDir: options.dataDir,
  appVersion: (JSON.parse(fs.readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as { version: string }).version,
  clock: systemClock,
  log,
  onlineProbe: hasNetworkInterface,
  keyStore: createFileKeyStore(options.dataDir, log),
  fetch: globalThis.fetch,
  faceDescriber,
  adapterOptions: options.adapterOptions,
  secretHashCost: options.secretHashCost,
  idleLockMinuteMs: options.idleLockMinuteMs,
});
await station.start();
const server = await startPreviewServer({
  station,
  ...builtPreviewFiles(repositoryRoot),
  port: options.port,
  log,
});
// The first line is machine-readable so tests can find the URL; the second is for people.
process.stdout.write(`${JSON.stringify({ event: 'listening', url: server.url })}\n`);
process.stdout.write(
  `Enrollment Station preview: open ${server.url}\nData folder: ${options.dataDir}\nHand-over files: ${path.join(options.dataDir, HANDOVER_FOLDER_NAME)}\n`,
);

const shutdown = (): void => {
  void server.close().then(() => {
    station.close();
    void faceDescriber.close().finally(() => process.exit(0));
  });
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
