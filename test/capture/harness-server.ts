// Builds the capture harness page with Vite (as the app's renderer is built)
// and serves it on 127.0.0.1 the way the app origin does: the same path
// guard, the same Content-Security-Policy header, Human's models at /models/
// and the tfjs WASM binaries at /wasm/ from resources/human.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { mimeTypeOf, resolveAppFile } from '../../electron/services/app-files.js';
import { CONTENT_SECURITY_POLICY } from '../../electron/services/content-security-policy.js';

const repositoryRoot = path.resolve(import.meta.dirname, '..', '..');
const harnessRoot = path.join(repositoryRoot, 'test/capture/browser');
const humanResources = path.join(repositoryRoot, 'resources/human');

export interface CaptureHarness {
  /** http://127.0.0.1:<port>, the only origin the page may talk to. */
  readonly origin: string;
  /** Paths the page asked for, in order (the server's view of the traffic). */
  readonly served: readonly string[];
  close(): Promise<void>;
}

/** Bundles test/capture/browser/harness.html (React, the capture module, the Human worker) into a temporary folder. */
export async function buildHarness(): Promise<string> {
  if (!fs.existsSync(path.join(humanResources, 'models/blazeface.json'))) {
    throw new Error('Run `node scripts/prepare-resources.mjs` (part of `npm run build`) before the capture tests.');
  }
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'capture-harness-'));
  await build({
    configFile: false,
    root: harnessRoot,
    base: '/',
    logLevel: 'error',
    plugins: [react()],
    build: {
      outDir,
      emptyOutDir: true,
      target: 'chrome130',
      sourcemap: false,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 8000,
      rollupOptions: {
        input: fs
          .readdirSync(harnessRoot)
          .filter((file) => file.endsWith('.html'))
          .map((file) => path.join(harnessRoot, file)),
      },
    },
  });
  return outDir;
}

export async function serveHarness(builtDir: string): Promise<CaptureHarness> {
  const roots = { renderer: builtDir, models: path.join(humanResources, 'models'), wasm: path.join(humanResources, 'wasm') };
  const served: string[] = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    served.push(url.pathname);
    const file = url.pathname === '/' ? path.join(builtDir, 'harness.html') : resolveAppFile(roots, url.pathname);
    if (!file || request.method !== 'GET') {
      response.writeHead(404).end();
      return;
    }
    fsp.readFile(file).then(
      (body) => {
        response.writeHead(200, {
          'Content-Type': mimeTypeOf(file),
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
        });
        response.end(body);
      },
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    served,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
