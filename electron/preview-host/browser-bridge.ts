import { createStationApi } from '../../shared/contract/api.js';
import { BYTES_TOO_LARGE } from '../../shared/contract/bytes.js';
import { fail } from '../../shared/contract/result.js';
import { decodeFrame, encodeFrame, MAX_MESSAGE_BYTES } from './message-frames.js';

// Runs in the browser before the renderer: defines window.station over the
// preview host's WebSocket, so the renderer cannot tell it from Electron's preload. Messages are
// binary frames (message-frames.ts): photos go as bytes, as Electron's IPC carries them.
const TOKEN_KEY = 'station-preview-token';
const token = new URLSearchParams(location.search).get('token') ?? sessionStorage.getItem(TOKEN_KEY) ?? '';
sessionStorage.setItem(TOKEN_KEY, token);

type Pending = (result: unknown) => void;
const pending = new Map<number, Pending>();
const listeners = new Map<string, Set<(payload: unknown) => void>>();
// Calls made while disconnected wait here and are sent once, on reconnect.
const outbox = new Map<number, Uint8Array>();
let socket: WebSocket | null = null;
let nextId = 0;
let retryMs = 250;

function connect(): void {
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/station?token=${encodeURIComponent(token)}`);
  ws.binaryType = 'arraybuffer';
  ws.addEventListener('open', () => {
    socket = ws;
    retryMs = 250;
    for (const [id, message] of outbox) {
      ws.send(message);
      outbox.delete(id);
    }
  });
  ws.addEventListener('message', (event) => {
    const message = decodeFrame(new Uint8Array(event.data as ArrayBuffer)) as
      { type: 'result'; id: number; result: unknown } | { type: 'event'; name: string; payload: unknown };
    if (message.type === 'result') {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else {
      for (const listener of listeners.get(message.name) ?? []) listener(message.payload);
    }
  });
  ws.addEventListener('close', () => {
    socket = null;
    // Only calls that were on the wire are lost with it; queued ones still go out.
    for (const [id, resolve] of pending) {
      if (outbox.has(id)) continue;
      resolve(fail('transport_closed', 'The connection to the station was lost.'));
      pending.delete(id);
    }
    setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, 5000);
  });
}

(window as unknown as { station: unknown }).station = createStationApi({
  invoke: (channel, input) =>
    new Promise((resolve) => {
      const id = ++nextId;
      const message = encodeFrame({ type: 'invoke', id, channel, input });
      // The host would close the socket on a larger frame, losing every call on the wire with it.
      if (message.byteLength > MAX_MESSAGE_BYTES) {
        resolve(
          fail(BYTES_TOO_LARGE, `A message of ${message.byteLength} bytes; the station takes at most ${MAX_MESSAGE_BYTES}.`, {
            bytes: message.byteLength,
            max: MAX_MESSAGE_BYTES,
          }),
        );
        return;
      }
      pending.set(id, resolve);
      if (socket) socket.send(message);
      else outbox.set(id, message);
    }),
  subscribe: (event, listener) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  },
});
connect();
