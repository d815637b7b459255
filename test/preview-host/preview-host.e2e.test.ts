import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { StationApi } from '../../shared/contract/index.js';
import { decodeFrame, encodeFrame, MAX_MESSAGE_BYTES } from '../../electron/preview-host/message-frames.js';
import { launchChromium } from '../support/browser.js';
import { startPreviewHost, type RunningPreviewHost } from '../support/preview-host.js';
import { createSupervisor } from '../ui/support/station-setup.js';

const packageVersion = (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string }).version;

let browser: Browser;
let host: RunningPreviewHost;

beforeAll(async () => {
  [browser, host] = await Promise.all([launchChromium(), startPreviewHost()]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), host?.stop()]);
});

/** Opens a socket to the preview host the way a browser would, with chosen token and Origin. */
const connect = (token: string | null, origin: string) =>
  new Promise<{ socket: WebSocket } | { refused: number }>((resolve) => {
    const url = new URL('/station', host.origin.replace('http', 'ws'));
    if (token !== null) url.searchParams.set('token', token);
    const socket = new WebSocket(url, { origin });
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_request, response) => resolve({ refused: response.statusCode ?? 0 }));
  });

const call = (socket: WebSocket, channel: string, input?: unknown) =>
  new Promise<unknown>((resolve) => {
    socket.on('message', (data) => {
      const message = decodeFrame(data as Buffer) as { type: string; id: number; result: unknown };
      if (message.type === 'result' && message.id === 7) resolve(message.result);
    });
    socket.send(encodeFrame({ type: 'invoke', id: 7, channel, input }));
  });

describe('preview host', () => {
  it('shows the status bar with data that came from main', async () => {
    const page = await browser.newPage();
    const foreignRequests: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(host.origin)) foreignRequests.push(request.url());
    });
    // The status bar belongs to the signed-in station: the first run creates the supervisor.
    await createSupervisor(page, host.url);
    const bar = page.getByTestId('status-bar');
    await expect.poll(() => bar.isVisible()).toBe(true);
    expect(await page.getByTestId('status-database').textContent()).toBe('Database OK');
    expect(await page.getByTestId('status-provider').textContent()).toBe('No provider configured');
    expect(await bar.textContent()).toContain(`Version ${packageVersion}`);
    expect(foreignRequests).toEqual([]);
    fs.mkdirSync('test-results/screenshots', { recursive: true });
    await page.screenshot({ path: 'test-results/screenshots/foundation-shell.png' });
    await page.close();
  });

  it('refuses sockets without the token or from another origin, and validates calls', async () => {
    const token = new URL(host.url).searchParams.get('token') ?? '';
    await expect(connect(null, host.origin)).resolves.toEqual({ refused: 403 });
    await expect(connect('wrong-token', host.origin)).resolves.toEqual({ refused: 403 });
    await expect(connect(token, 'http://evil.example')).resolves.toEqual({ refused: 403 });

    const accepted = await connect(token, host.origin);
    if (!('socket' in accepted)) throw new Error(`refused with ${accepted.refused}`);
    await expect(call(accepted.socket, 'status.get', { bogus: true })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    accepted.socket.close();
    const again = await connect(token, host.origin);
    if (!('socket' in again)) throw new Error('refused');
    await expect(call(again.socket, 'status.get')).resolves.toMatchObject({ ok: true, value: { appVersion: packageVersion } });
    again.socket.close();
  });

  it('has the bridge refuse a message larger than the host takes, in words, and keeps the connection for the next call', async () => {
    const page = await browser.newPage();
    await page.goto(host.url);
    const answers = await page.evaluate(async (size) => {
      const { station } = globalThis as unknown as { station: StationApi };
      const tooLarge = await station.invoke['queue.submit']({
        operation: 'enroll',
        fields: {},
        consent: { given: true, at: new Date().toISOString() },
        assets: [{ kind: 'face', mime: 'image/jpeg', bytes: new Uint8Array(size) }],
        capture: { photos: [], liveness: { real: null, live: null, blinkSeen: false, headTurn: null }, idPhotoSimilarity: null },
        checkIn: null,
        replaces: null,
      });
      return { tooLarge, next: await station.invoke['status.get']() };
    }, MAX_MESSAGE_BYTES);
    expect(answers.tooLarge).toMatchObject({ ok: false, error: { code: 'bytes_too_large', params: { max: MAX_MESSAGE_BYTES } } });
    expect(answers.next).toMatchObject({ ok: true, value: { appVersion: packageVersion } });
    await page.close();
  });

  it('shows the database error screen for a damaged file and leaves the file as it was', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'station-damaged-'));
    const damaged = Buffer.from('not a database at all '.repeat(300));
    fs.writeFileSync(path.join(dataDir, 'station.db'), damaged);
    const damagedHost = await startPreviewHost({ dataDir });
    try {
      const page = await browser.newPage();
      await page.goto(damagedHost.url);
      const screen = page.getByTestId('database-error');
      await expect.poll(() => screen.isVisible()).toBe(true);
      expect(await screen.textContent()).toContain('The station database is damaged.');
      await page.screenshot({ path: 'test-results/screenshots/foundation-database-error.png' });
      await page.close();
    } finally {
      await damagedHost.stop();
    }
    expect(fs.readFileSync(path.join(dataDir, 'station.db')).equals(damaged)).toBe(true);
  });
});
