import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, EVENT_NAMES, type StationApi } from '../../shared/contract/index.js';

describe('preload', () => {
  it('exposes only the contract-shaped window.station, never ipcRenderer, and hands listeners the payload alone', async () => {
    const exposed = new Map<string, unknown>();
    const ipcRenderer = Object.assign(new EventEmitter(), {
      invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })),
    });
    vi.doMock('electron', () => ({
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
      ipcRenderer,
    }));
    await import('../../electron/preload/preload.js');

    expect([...exposed.keys()]).toEqual(['station']);
    const station = exposed.get('station') as StationApi;
    expect(station).not.toBe(ipcRenderer);
    expect(Object.keys(station)).toEqual(['invoke', 'subscribe']);
    expect(Object.keys(station.invoke).sort()).toEqual([...CHANNEL_NAMES].sort());
    expect(Object.keys(station.subscribe).sort()).toEqual([...EVENT_NAMES].sort());

    await expect(station.invoke['status.get']()).resolves.toEqual({
      ok: true,
      value: { channel: 'station:invoke:status.get', input: undefined },
    });

    const received: unknown[][] = [];
    const stop = station.subscribe['status.changed']((...args: unknown[]) => received.push(args));
    ipcRenderer.emit('station:event:status.changed', { sender: 'ipc event object' }, { online: false });
    stop();
    ipcRenderer.emit('station:event:status.changed', { sender: 'ipc event object' }, { online: true });
    expect(received).toEqual([[{ online: false }]]);
    expect(ipcRenderer.listenerCount('station:event:status.changed')).toBe(0);
    vi.doUnmock('electron');
  });
});
