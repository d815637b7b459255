import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../services/clock.js';
import { createLogger } from '../services/logger.js';
import { createStation } from '../services/station.js';
import { createFileKeyStore } from '../services/vault/file-key-store.js';
import { startPreviewServer } from './preview-server.js';

// `npm run preview`: the station's main-process services in plain Node, with
// the built renderer served on loopback. For machines without Electron and for e2e tests.
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5180' },
    'data-dir': { type: 'string', default: path.resolve('.station-data') },
  },
});
const repositoryRoot = path.resolve(import.meta.dirname, '..', '..');
const log = createLogger({ destination: path.join(values['data-dir'], 'logs', 'preview.log') });

const hasNetworkInterface = (): boolean =>
  Object.values(os.networkInterfaces()).some((entries) => entries?.some((entry) => !entry.internal));

const station = createStation({
  dataDir: values['data-dir'],
  appVersion: (JSON.parse(fs.readFileSync(path.join(repositoryRoot, 'package.json'), 'utf8')) as { version: string }).version,
  clock: systemClock,
  log,
  onlineProbe: hasNetworkInterface,
  keyStore: createFileKeyStore(values['data-dir'], log),
  fetch: globalThis.fetch,
});
await station.start();
const server = await startPreviewServer({
  station,
  roots: {
    renderer: path.join(repositoryRoot, 'dist', 'renderer'),
    models: path.join(repositoryRoot, 'resources', 'human', 'models'),
    wasm: path.join(repositoryRoot, 'resources', 'human', 'wasm'),
  },
  bridgeScriptFile: path.join(repositoryRoot, 'dist', 'preview', 'preview-bridge.js'),
  port: Number(values.port),
  log,
});
// The first line is machine-readable so tests can find the URL; the second is for people.
process.stdout.write(`${JSON.stringify({ event: 'listening', url: server.url })}\n`);
process.stdout.write(`Enrollment Station preview: open ${server.url}\nData folder: ${values['data-dir']}\n`);

const shutdown = (): void => {
  void server.close().then(() => {
    station.close();
    process.exit(0);
  });
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
