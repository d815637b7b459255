import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { handleAppProtocol } from '../../electron/main/protocol.js';
import { resolveAppFile, type AppFileRoots } from '../../electron/services/app-files.js';
import { CONTENT_SECURITY_POLICY } from '../../electron/services/content-security-policy.js';

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'station-files-'));
const roots: AppFileRoots = {
  renderer: path.join(base, 'renderer'),
  models: path.join(base, 'human', 'models'),
  wasm: path.join(base, 'human', 'wasm'),
};
fs.mkdirSync(path.join(roots.renderer, 'assets'), { recursive: true });
fs.mkdirSync(roots.models, { recursive: true });
fs.mkdirSync(roots.wasm, { recursive: true });
fs.writeFileSync(path.join(roots.renderer, 'index.html'), '<!doctype html><title>station</title>');
fs.writeFileSync(path.join(roots.renderer, 'assets', 'app.js'), 'console.log(1)');
fs.writeFileSync(path.join(roots.models, 'blazeface.json'), '{}');
fs.writeFileSync(path.join(base, 'secret.txt'), 'outside every root');

describe('resolveAppFile (path traversal guard)', () => {
  it('maps the entry, assets, models and wasm to their roots', () => {
    expect(resolveAppFile(roots, '/')).toBe(path.join(roots.renderer, 'index.html'));
    expect(resolveAppFile(roots, '/assets/app.js')).toBe(path.join(roots.renderer, 'assets', 'app.js'));
    expect(resolveAppFile(roots, '/models/blazeface.json')).toBe(path.join(roots.models, 'blazeface.json'));
    expect(resolveAppFile(roots, '/wasm/tfjs-backend-wasm.wasm')).toBe(path.join(roots.wasm, 'tfjs-backend-wasm.wasm'));
  });

  it.each([
    '/../secret.txt',
    '/models/../../secret.txt',
    '/models/..%2f..%2fsecret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%5c..%5csecret.txt',
    '/assets\\..\\..\\secret.txt',
    '/C:/Windows/win.ini',
    '/assets/%00app.js',
    '/%E0%A4%A',
    'relative/path',
    '/models/',
  ])('refuses %s', (urlPath) => {
    expect(resolveAppFile(roots, urlPath)).toBeNull();
  });
});

describe('handleAppProtocol', () => {
  type Handler = (request: Request) => Promise<Response>;
  let handler: Handler | undefined;
  handleAppProtocol({ handle: (_scheme: string, registered: Handler) => (handler = registered) } as never, roots);
  const get = (url: string, init?: RequestInit) => (handler as Handler)(new Request(url, init));

  it('serves files with their type, the CSP and nosniff', async () => {
    const response = await get('app://station/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>station</title>');
  });

  it('answers 404 for traversal, other hosts, missing files and non-GET requests', async () => {
    expect((await get('app://station/models/..%2f..%2fsecret.txt')).status).toBe(404);
    expect((await get('app://elsewhere/index.html')).status).toBe(404);
    expect((await get('app://station/missing.js')).status).toBe(404);
    expect((await get('app://station/index.html', { method: 'POST', body: 'x' })).status).toBe(404);
  });
});
