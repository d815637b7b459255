import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { contract } from '../../shared/contract/index.js';
import { dispatch } from '../../electron/services/ipc/dispatch.js';
import { systemHandlers } from '../../electron/services/provisioning/system-handlers.js';
import { NO_PROVISIONING } from '../../electron/services/provisioning/load-provisioning.js';

type Status = 'not-determined' | 'granted' | 'denied' | 'restricted' | 'unknown';

/** Electron's systemPreferences and shell as the OS would answer: the status changes when the user answers the prompt. */
function fakeElectron(initial: Status, answerToPrompt: boolean) {
  const state = { status: initial, prompts: 0, opened: [] as string[] };
  const electron = {
    systemPreferences: {
      getMediaAccessStatus: (media: string) => (media === 'camera' ? state.status : 'unknown'),
      askForMediaAccess: (media: string) => {
        state.prompts += 1;
        if (media === 'camera') state.status = answerToPrompt ? 'granted' : 'denied';
        return Promise.resolve(answerToPrompt);
      },
    },
    shell: {
      openExternal: (url: string) => {
        state.opened.push(url);
        return Promise.resolve();
      },
    },
  };
  return { state, electron };
}

async function cameraAccessOn(platform: NodeJS.Platform, initial: Status, answerToPrompt = true) {
  const { state, electron } = fakeElectron(initial, answerToPrompt);
  vi.doMock('electron', () => ({ ...electron, default: electron }));
  const { createCameraAccess } = await import('../../electron/main/camera-access.js');
  return { state, camera: createCameraAccess(platform) };
}

beforeEach(() => vi.resetModules());
afterEach(() => vi.doUnmock('electron'));

describe('camera access from the operating system', () => {
  it('on macOS asks once when undecided and reports the answer', async () => {
    const { state, camera } = await cameraAccessOn('darwin', 'not-determined', true);
    expect(camera.check()).toEqual({ status: 'not-determined', remedy: 'none', canOpenSettings: true });
    await expect(camera.request()).resolves.toEqual({ status: 'granted', remedy: 'none', canOpenSettings: true });
    await camera.request();
    expect(state.prompts).toBe(1);
  });

  it('on macOS sends the clerk to System Settings after a refusal, without prompting again', async () => {
    const { state, camera } = await cameraAccessOn('darwin', 'denied');
    await expect(camera.request()).resolves.toEqual({ status: 'denied', remedy: 'macos-privacy-settings', canOpenSettings: true });
    expect(state.prompts).toBe(0);
    await expect(camera.openSettings()).resolves.toBe(true);
    expect(state.opened).toEqual(['x-apple.systempreferences:com.apple.preference.security?Privacy_Camera']);
  });

  it('on Windows explains the camera privacy switch when desktop apps are blocked and opens that page', async () => {
    const { state, camera } = await cameraAccessOn('win32', 'denied');
    await expect(camera.request()).resolves.toEqual({ status: 'denied', remedy: 'windows-privacy-settings', canOpenSettings: true });
    expect(state.prompts).toBe(0);
    await expect(camera.openSettings()).resolves.toBe(true);
    expect(state.opened).toEqual(['ms-settings:privacy-webcam']);
  });

  it('sends the clerk to IT when an organization policy restricts the camera', async () => {
    const { camera } = await cameraAccessOn('win32', 'restricted');
    expect(camera.check()).toEqual({ status: 'restricted', remedy: 'administrator', canOpenSettings: false });
  });

  it('on Linux reports no OS setting and opens nothing', async () => {
    const { state, camera } = await cameraAccessOn('linux', 'denied');
    expect(camera.check()).toEqual({ status: 'unknown', remedy: 'none', canOpenSettings: false });
    await expect(camera.openSettings()).resolves.toBe(false);
    expect(state.opened).toEqual([]);
  });

  it('reaches the renderer through the system.* channels, inside the contract', async () => {
    const { camera } = await cameraAccessOn('win32', 'denied');
    const handlers = systemHandlers({ provisioning: NO_PROVISIONING, camera });
    const log = pino({ level: 'silent' });
    const table = handlers as unknown as Parameters<typeof dispatch>[0];
    const result = await dispatch(table, 'system.cameraAccess', undefined, { clientId: 'window-1' }, log);
    expect(result).toEqual({ ok: true, value: { status: 'denied', remedy: 'windows-privacy-settings', canOpenSettings: true } });
    expect(contract.channels['system.cameraAccess'].output.safeParse(result.ok ? result.value : null).success).toBe(true);
    await expect(dispatch(table, 'system.openCameraSettings', undefined, { clientId: 'window-1' }, log)).resolves.toEqual({ ok: true, value: true });
  });
});
