import { CHANNEL_NAMES, EVENT_NAMES, type StationApi } from './index.js';

/** The two primitives a transport (Electron IPC or the preview WebSocket) must provide. */
export interface StationTransport {
  invoke(channel: string, input: unknown): Promise<unknown>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

/** IPC channel names on the Electron side; shared so preload and main cannot drift apart. */
export const ipcInvokeChannel = (name: string): string => `station:invoke:${name}`;
export const ipcEventChannel = (name: string): string => `station:event:${name}`;

/** Builds `window.station` from the contract: one invoke per channel, one subscribe per event. */
export function createStationApi(transport: StationTransport): StationApi {
  const invoke = Object.fromEntries(CHANNEL_NAMES.map((name) => [name, (input?: unknown) => transport.invoke(name, input)]));
  const subscribe = Object.fromEntries(EVENT_NAMES.map((name) => [name, (listener: (payload: unknown) => void) => transport.subscribe(name, listener)]));
  return Object.freeze({ invoke: Object.freeze(invoke), subscribe: Object.freeze(subscribe) }) as unknown as StationApi;
}
