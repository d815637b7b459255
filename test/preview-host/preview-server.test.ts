import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { MAX_ASSET_BYTES } from '../../shared/contract/bytes.js';
import { SUBMISSION_STATES, type SubmissionState } from '../../shared/contract/queue.js';
import { decodeFrame, encodeFrame, MAX_MESSAGE_BYTES } from '../../electron/preview-host/message-frames.js';
import { SOCKET_PATH, startPreviewServer, type PreviewServer } from '../../electron/preview-host/preview-server.js';
import { dispatch } from '../../electron/services/ipc/dispatch.js';
import type { Station } from '../../electron/services/station.js';
import { createTestStation } from '../support/test-station.js';
import { ManualClock, tempFolder } from '../operators/support.js';

const log = pino({ level: 'silent' });
const SUPERVISOR = { name: 'Ana', secret: 'supervisor-pass' };
let station: Station;
const clock = new ManualClock();
let server: PreviewServer;
let origin: string;
let token: string;

beforeAll(async () => {
  const dataDir = tempFolder();
  const built = tempFolder();
  fs.writeFileSync(path.join(built, 'index.html'), '<html><head></head><body></body></html>');
  fs.writeFileSync(path.join(built, 'bridge.js'), '');
  station = createTestStation({
    dataDir,
    clock,
    log,
  });
  expect(
    await dispatch(station.handlers, 'operators.setup', { name: 'Ana', secret: { kind: 'password', value: 'supervisor-pass' } }, { clientId: 'setup' }, log),
  ).toMatchObject({ ok: true });
  server = await startPreviewServer({
    station,
    roots: { renderer: built, models: built, wasm: built },
    bridgeScriptFile: path.join(built, 'bridge.js'),
    port: 0,
    log,
  });
  const url = new URL(server.url);
  origin = url.origin;
  token = url.searchParams.get('token') ?? '';
});
afterAll(async () => {
  await server.close();
  station.close();
});

interface Client {
  readonly socket: WebSocket;
  readonly events: Array<{ name: string; payload: unknown }>;
  call(channel: string, input?: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; params?: Record<string, unknown> } }>;
  /** Every result that came back, by call id. */
  readonly answered: Set<number>;
}

async function openClient(): Promise<Client> {
  const socket = new WebSocket(`${origin.replace('http', 'ws')}${SOCKET_PATH}?token=${token}`, { origin });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const events: Client['events'] = [];
  const waiting = new Map<number, (result: never) => void>();
  const answered = new Set<number>();
  let nextId = 0;
  socket.on('message', (data, isBinary) => {
    expect(isBinary).toBe(true);
    const message = decodeFrame(data as Buffer) as { type: string; id: number; result: never; name: string; payload: unknown };
    if (message.type === 'event') events.push({ name: message.name, payload: message.payload });
    else {
      answered.add(message.id);
      waiting.get(message.id)?.(message.result);
    }
  });
  return {
    socket,
    events,
    answered,
    call: (channel, input) =>
      new Promise((resolve) => {
        const id = ++nextId;
        waiting.set(id, resolve);
        socket.send(encodeFrame({ type: 'invoke', id, channel, input }));
      }),
  };
}

/** The host still serves: a new client gets an answer. */
async function stillServes(): Promise<void> {
  const client = await openClient();
  await expect(client.call('status.get')).resolves.toMatchObject({ ok: true });
  client.socket.close();
}

/** A raw TCP connection that writes `bytes` and waits for the server to answer or hang up. */
const rawExchange = (bytes: string | Buffer) =>
  new Promise<string>((resolve) => {
    const socket = net.connect(Number(new URL(origin).port), '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
    socket.write(bytes);
    setTimeout(() => socket.end(), 500).unref();
  });

/** One client-to-server WebSocket frame (clients must mask). */
function maskedFrame(opcode: number, payload: Buffer, declaredLength = payload.length): Buffer {
  const mask = Buffer.from([1, 2, 3, 4]);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] ?? 0)));
  let header: Buffer;
  if (declaredLength < 126) header = Buffer.from([0x80 | opcode, 0x80 | declaredLength]);
  else if (declaredLength < 65536) header = Buffer.from([0x80 | opcode, 0x80 | 126, declaredLength >> 8, declaredLength & 0xff]);
  else {
    header = Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(declaredLength), 2);
  }
  return Buffer.concat([header, mask, masked]);
}

const rawSocketOf = (client: Client) => (client.socket as unknown as { _socket: net.Socket })._socket;

describe('the preview host survives any input', () => {
  it('answers a malformed upgrade URL with a refusal and keeps serving', async () => {
    const answer = await rawExchange(
      `GET //[ HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${origin}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 403/);
    await stillServes();
  });

  it('answers a malformed page URL with 400 and a garbage request line by hanging up', async () => {
    expect(await rawExchange('GET //[ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    await rawExchange('\u0000\u0001 garbage \r\n\r\n');
    await stillServes();
  });

  it('closes a socket that sends invalid UTF-8 as text, and keeps serving', async () => {
    const client = await openClient();
    const closed = new Promise<number>((resolve) => client.socket.once('close', resolve));
    client.socket.on('error', () => undefined);
    rawSocketOf(client).write(maskedFrame(0x1, Buffer.from([0x7b, 0xff, 0xfe, 0x7d])));
    expect(await closed).toBe(1007);
    await stillServes();
  });

  it(`closes a socket whose message is over ${MAX_MESSAGE_BYTES} bytes as soon as the frame says so, and keeps serving`, async () => {
    expect(MAX_MESSAGE_BYTES).toBeLessThanOrEqual(16 * 1024 * 1024);
    const client = await openClient();
    const closed = new Promise<number>((resolve) => client.socket.once('close', resolve));
    client.socket.on('error', () => undefined);
    // Only the header: a 64 MiB message is refused from its declared length, before any of it is buffered.
    rawSocketOf(client).write(maskedFrame(0x1, Buffer.alloc(0), 64 * 1024 * 1024));
    expect(await closed).toBe(1009);
    await stillServes();
  });
});

describe('photos over the preview host', () => {
  const form = { provider: 'glair-ktp', step: 'face', fields: {}, acceptWarnings: false, consentAt: '2026-11-23T08:00:00.000Z', replaces: null };
  const faceCapture = (photo: Uint8Array) => ({
    capture: 'face',
    face: {
      photos: [{ bytes: photo, width: 320, height: 320, scores: {} }],
      liveness: { real: null, live: null, blinkSeen: false, headTurn: null },
      descriptor: null,
      manualReason: null,
    },
  });

  it('travel as bytes both ways: saved from a frame, given back in one', async () => {
    const client = await openClient();
    expect(await client.call('operators.signIn', SUPERVISOR)).toMatchObject({ ok: true });
    const photo = Uint8Array.from({ length: 50_000 }, (_, index) => (index * 7) % 256);
    expect(await client.call('drafts.saveForm', form)).toMatchObject({ ok: true });
    expect(await client.call('drafts.saveCapture', faceCapture(photo))).toMatchObject({ ok: true });
    const loaded = (await client.call('drafts.load')) as { ok: true; value: { face: { photos: Array<{ bytes: unknown }> } } };
    expect(loaded.value.face.photos[0]?.bytes).toBeInstanceOf(Uint8Array);
    expect(loaded.value.face.photos[0]?.bytes).toEqual(photo);
    client.socket.close();
  });

  it('over the contract limit are refused with the size and the limit, and the socket goes on', async () => {
    const client = await openClient();
    expect(await client.call('operators.signIn', SUPERVISOR)).toMatchObject({ ok: true });
    expect(await client.call('drafts.saveForm', form)).toMatchObject({ ok: true });
    const tooLarge = new Uint8Array(MAX_ASSET_BYTES + 1);
    expect(await client.call('drafts.saveCapture', faceCapture(tooLarge))).toEqual({
      ok: false,
      error: {
        code: 'bytes_too_large',
        message: expect.any(String) as string,
        params: { field: 'face.photos.0.bytes', bytes: MAX_ASSET_BYTES + 1, max: MAX_ASSET_BYTES },
      },
    });
    // Bytes sent as something else are not bytes.
    const asText = await client.call('drafts.saveCapture', faceCapture(Buffer.from('/9j/4AAQSkZJRgABAQ').toString('base64') as never));
    expect(asText).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await expect(client.call('status.get')).resolves.toMatchObject({ ok: true });
    client.socket.close();
  });

  it('only in binary frames: a JSON text message is dropped, the next frame answered', async () => {
    const client = await openClient();
    client.socket.send(JSON.stringify({ type: 'invoke', id: 1000, channel: 'status.get' }));
    await expect(client.call('status.get')).resolves.toMatchObject({ ok: true });
    expect(client.answered.has(1000)).toBe(false);
    client.socket.close();
  });
});

describe('events from the preview host', () => {
  it('carry the queue item only to a client someone is signed in on and not idle-locked', async () => {
    const signedIn = await openClient();
    const anonymous = await openClient();
    expect(await signedIn.call('operators.signIn', SUPERVISOR)).toMatchObject({ ok: true });
    const item = {
      id: 'a5d2a0f4-9a55-4b0e-8e55-2f2b3b1f3c11',
      shortReference: 'ST-7KQ4M9PX',
      operation: 'enroll',
      provider: 'glair-ktp',
      state: 'queued',
      step: null,
      attempts: 0,
      nextAttemptAt: null,
      createdAt: '2026-11-23T08:00:00.000Z',
      updatedAt: '2026-11-23T08:00:00.000Z',
      operatorId: null,
      label: 'Siti Rahayu',
      error: null,
      outcome: null,
      discardReason: null,
    };
    const counts = Object.fromEntries(SUBMISSION_STATES.map((state) => [state, 0])) as Record<SubmissionState, number>;
    station.events.emit('queue.changed', { counts, item: item as never, health: { authPaused: [], online: true, providerAnswers: null } });
    await vi.waitFor(() => expect(anonymous.events.some((event) => event.name === 'queue.changed')).toBe(true));
    await vi.waitFor(() => expect(signedIn.events.some((event) => event.name === 'queue.changed')).toBe(true));
    expect(JSON.stringify(anonymous.events)).not.toContain('Siti Rahayu');
    expect(JSON.stringify(signedIn.events)).toContain('Siti Rahayu');

    // Idle-locked: the same socket gets the counts, no longer the name.
    clock.advanceMinutes(16);
    signedIn.events.length = 0;
    station.events.emit('queue.changed', {
      counts,
      item: { ...item, label: 'Dewi Lestari' } as never,
      health: { authPaused: [], online: true, providerAnswers: null },
    });
    await vi.waitFor(() => expect(signedIn.events.some((event) => event.name === 'queue.changed')).toBe(true));
    expect(JSON.stringify(signedIn.events)).not.toContain('Dewi Lestari');
    signedIn.socket.close();
    anonymous.socket.close();
  });
});
