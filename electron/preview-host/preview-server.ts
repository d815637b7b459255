import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { mimeTypeOf, resolveAppFile, type AppFileRoots } from '../services/app-files.js';
import { CONTENT_SECURITY_POLICY } from '../services/content-security-policy.js';
import { dispatch } from '../services/ipc/dispatch.js';
import { decodeFrame, encodeFrame, MAX_MESSAGE_BYTES } from './message-frames.js';
import { eventForClient } from '../services/ipc/event-privacy.js';
import type { Logger } from '../services/logger.js';
import type { Station } from '../services/station.js';

export interface PreviewServerOptions {
  readonly station: Station;
  readonly roots: AppFileRoots;
  /** The built browser bridge that defines window.station over the socket. */
  readonly bridgeScriptFile: string;
  readonly port: number;
  readonly log: Logger;
}

/** Where `npm run build` leaves what the preview serves, below the repository root. */
export function builtPreviewFiles(repositoryRoot: string): Pick<PreviewServerOptions, 'roots' | 'bridgeScriptFile'> {
  return {
    roots: {
      renderer: path.join(repositoryRoot, 'dist', 'renderer'),
      models: path.join(repositoryRoot, 'resources', 'human', 'models'),
      wasm: path.join(repositoryRoot, 'resources', 'human', 'wasm'),
    },
    bridgeScriptFile: path.join(repositoryRoot, 'dist', 'preview', 'preview-bridge.js'),
  };
}

export interface PreviewServer {
  /** Open this in a browser; it carries the per-run token. */
  readonly url: string;
  close(): Promise<void>;
}

export const BRIDGE_SCRIPT_PATH = '/preview-bridge.js';
export const SOCKET_PATH = '/station';

/** `request.url` against our origin; null for what no browser sends (`//[`, a bare authority). */
function requestUrl(request: http.IncomingMessage, origin: string): URL | null {
  try {
    return new URL(request.url ?? '/', origin);
  } catch {
    return null;
  }
}

const InvokeMessageSchema = z.object({ type: z.literal('invoke'), id: z.number().int(), channel: z.string(), input: z.unknown().optional() });

/**
 * Serves the built renderer on 127.0.0.1 and carries the IPC contract over a
 * WebSocket through the same dispatcher Electron's IPC uses. The socket needs
 * the per-run token and our exact Origin, so neither another local web page
 * nor another local user can drive the station.
 */
export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const token = randomBytes(24).toString('base64url');
  const server = http.createServer();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let origin = '';
  let nextClient = 0;

  const tokenMatches = (candidate: string | null): boolean =>
    candidate !== null && candidate.length === token.length && timingSafeEqual(Buffer.from(candidate), Buffer.from(token));

  server.on('request', (request, response) => {
    void serveFile(request, response).catch((error: unknown) => {
      options.log.error({ err: error }, 'preview request failed');
      if (!response.headersSent) response.writeHead(500).end();
    });
  });

  // A client that sends garbage gets its connection closed; the server goes on.
  server.on('clientError', (_error, socket) => socket.destroy());

  async function serveFile(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = requestUrl(request, origin);
    if (!url) {
      response.writeHead(400).end();
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    const isEntry = url.pathname === '/' || url.pathname === '/index.html';
    const file = url.pathname === BRIDGE_SCRIPT_PATH ? options.bridgeScriptFile : resolveAppFile(options.roots, url.pathname);
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    let body: Buffer;
    try {
      body = await fs.readFile(file);
    } catch {
      response.writeHead(404).end();
      return;
    }
    if (isEntry) {
      // A classic script runs before the app's module scripts, so window.station exists when React starts.
      body = Buffer.from(body.toString('utf8').replace('<head>', `<head><script src="${BRIDGE_SCRIPT_PATH}"></script>`));
    }
    response.writeHead(200, {
      'Content-Type': mimeTypeOf(file),
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  server.on('upgrade', (request, socket, head) => {
    socket.on('error', (error) => options.log.warn({ err: error }, 'preview socket failed'));
    const url = requestUrl(request, origin);
    const allowed = url !== null && url.pathname === SOCKET_PATH && request.headers.origin === origin && tokenMatches(url.searchParams.get('token'));
    if (!allowed) {
      options.log.warn({ origin: request.headers.origin, path: url?.pathname ?? null }, 'preview socket refused');
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (client) => attach(client, `socket-${++nextClient}`));
  });

  function attach(client: WebSocket, clientId: string): void {
    const stopEvents = options.station.events.listen((name, payload) => {
      const visible = eventForClient(name, payload, options.station.mayReceivePersonalData(clientId));
      client.send(encodeFrame({ type: 'event', name, payload: visible }));
    });
    client.on('close', stopEvents);
    // Invalid UTF-8, an oversized frame, a protocol error: ws closes the socket and reports it here.
    client.on('error', (error) => options.log.warn({ clientId, err: error }, 'preview client closed for a protocol error'));
    client.on('message', (data, isBinary) => {
      let message: z.infer<typeof InvokeMessageSchema>;
      try {
        // Every message is a binary frame (message-frames.ts), which ws hands over as one Buffer; the bridge never sends text.
        if (!isBinary || !Buffer.isBuffer(data)) throw new TypeError('not a binary frame');
        message = InvokeMessageSchema.parse(decodeFrame(data));
      } catch {
        options.log.warn({ clientId }, 'malformed preview message dropped');
        return;
      }
      void dispatch(options.station.handlers, message.channel, message.input, { clientId }, options.log).then((result) => {
        if (client.readyState === client.OPEN) client.send(encodeFrame({ type: 'result', id: message.id, result }));
      });
    });
  }

  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
