import { EventEmitter } from 'node:events';
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { ipcInvokeChannel } from '../../shared/contract/api.js';
import type { DraftCaptureInput } from '../../shared/contract/drafts.js';
import type { StationApi } from '../../shared/contract/index.js';
import { MAX_ASSET_BYTES } from '../../shared/contract/bytes.js';
import { registerIpcHandlers } from '../../electron/main/ipc.js';
import type { HandlerTable } from '../../electron/services/ipc/dispatch.js';
import { FakeWebContents } from './fake-electron.js';

const log = pino({ level: 'silent' });
const APP_FRAME = { sender: new FakeWebContents(), senderFrame: { url: 'app://station/index.html' } };
const idCard = (bytes: unknown) => ({ capture: 'idCard', idCard: { mime: 'image/jpeg', bytes, descriptor: null } });

/** Main's side as the app registers it, with a drafts.saveCapture handler that keeps what reached it. */
function mainWithDraftHandler() {
  const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
  const received: DraftCaptureInput[] = [];
  const table = {
    'drafts.saveCapture': (input: DraftCaptureInput) => {
      received.push(input);
      return { updatedAt: '2026-11-23T08:00:00.000Z' };
    },
  } as unknown as HandlerTable;
  registerIpcHandlers({ handle: (channel, handler) => handlers.set(channel, handler as never) }, table, log);
  const saveCapture = (input: unknown) => handlers.get(ipcInvokeChannel('drafts.saveCapture'))?.(APP_FRAME, input);
  return { saveCapture, received };
}

describe('photos over Electron IPC', () => {
  it('leave the preload as the renderer gave them: the same Uint8Array, for structured clone to copy, never text', async () => {
    const ipcRenderer = Object.assign(new EventEmitter(), { invoke: vi.fn(async () => ({ ok: true, value: { updatedAt: '2026-11-23T08:00:00.000Z' } })) });
    let station: StationApi | undefined;
    vi.resetModules();
    vi.doMock('electron', () => ({ contextBridge: { exposeInMainWorld: (_key: string, value: StationApi) => (station = value) }, ipcRenderer }));
    await import('../../electron/preload/preload.js');
    const photo = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    await station?.invoke['drafts.saveCapture']({ capture: 'idCard', idCard: { mime: 'image/jpeg', bytes: photo, descriptor: null } });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith(ipcInvokeChannel('drafts.saveCapture'), idCard(photo));
    const sent = (ipcRenderer.invoke.mock.calls[0] as unknown[] | undefined)?.[1] as { idCard: { bytes: unknown } };
    expect(sent.idCard.bytes).toBe(photo);
    vi.doUnmock('electron');
  });

  it('reach the handler as bytes once the contract checked them, and over the cap come back as bytes_too_large', async () => {
    const { saveCapture, received } = mainWithDraftHandler();
    // What Electron's structured clone hands main for a renderer's Uint8Array.
    const photo = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 9, 9]);
    await expect(saveCapture(idCard(photo))).resolves.toEqual({ ok: true, value: { updatedAt: '2026-11-23T08:00:00.000Z' } });
    expect(received[0]).toEqual(idCard(photo));

    await expect(saveCapture(idCard(new Uint8Array(MAX_ASSET_BYTES + 1)))).resolves.toMatchObject({
      ok: false,
      error: { code: 'bytes_too_large', params: { field: 'idCard.bytes', bytes: MAX_ASSET_BYTES + 1, max: MAX_ASSET_BYTES } },
    });
    // The old wire form, and bytes of another element type, are not bytes.
    await expect(saveCapture(idCard(Buffer.from(photo).toString('base64')))).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await expect(saveCapture(idCard(new Uint16Array(8)))).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(received).toHaveLength(1);
  });
});
