import fs from 'node:fs/promises';
import type { Protocol } from 'electron';
import { mimeTypeOf, resolveAppFile, type AppFileRoots } from '../services/app-files.js';
import { CONTENT_SECURITY_POLICY } from '../services/content-security-policy.js';
import { APP_HOST, APP_SCHEME } from './app-origin.js';

/** Must run before app `ready`: makes app:// standard, secure and able to fetch (models, wasm) and stream (camera). */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
} as const;

/** Serves the renderer, models and wasm on app://station with the path guard and the CSP on every response. */
export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, roots: AppFileRoots): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST || request.method !== 'GET') return new Response('Not found', { status: 404 });
    const file = resolveAppFile(roots, url.pathname);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await fs.readFile(file);
      return new Response(body, {
        status: 200,
        headers: {
          'Content-Type': mimeTypeOf(file),
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
