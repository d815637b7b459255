import { createStationApi } from '../../shared/contract/api.js';
import { fail } from '../../shared/contract/result.js';

// Runs in the browser before the renderer: defines window.station over the
// preview host's WebSocket, so the renderer cannot tell it from Electron's preload.
const TOKEN_KEY = 'station-preview-token';
const token = new URLSearchParams(location.search).get('token') ?? sessionStorage.getItem(TOKEN_KEY) ?? '';
sessionStorage.setItem(TOKEN_KEY, token);

type Pending = (result: unknown) => void;
const pending = new Map<number, Pending>();
const listeners = new Map<string, Set<(payload: unknown) => void>>();
// Calls made while disconnected wait here and are sent once, on reconnect.
const outbox = new Map<number, string>();
let socket: WebSocket | null = null;
let nextId = 0;
let retryMs = 250;

function connect(): void {
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/station?token=${encodeURIComponent(token)}`);
  ws.addEventListener('open', () => {
    socket = ws;
    retryMs = 250;
    for (const [id, message] of outbox) {
      ws.send(message);
      outbox.delete(id);
    }
  });
  ws.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as
      | { type: 'result'; id: number; result: unknown }
      | { type: 'event'; name: string; payload: unknown };
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
      pending.set(id, resolve);
      const message = JSON.stringify({ type: 'invoke', id, channel, input });
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
