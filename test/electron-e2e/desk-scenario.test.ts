import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { APP_ENTRY_URL } from '../../electron/main/app-origin.js';
import { livePersonClip } from '../capture/scenes.js';
import { startEmulators, type RunningEmulators } from '../emulators/index.js';
import { electronBinary } from '../support/electron-binary.js';
import { runDeskScenario } from '../ui/support/desk-scenario.js';
import { FakeCamera } from '../ui/support/fake-camera.js';

// The Chromium scenario (test/ui/desk-scenario.e2e.test.ts) in the real Electron app: main, the
// sandboxed preload, app://, better-sqlite3 built for Electron's ABI and safeStorage. Needs the
// Electron binary (npm ci without ELECTRON_SKIP_BINARY_DOWNLOAD), better-sqlite3 rebuilt for it
// (npx electron-builder install-app-deps), `npm run build`, a display (xvfb-run on Linux) and, on
// Linux, an unlocked Secret Service keyring: the station refuses safeStorage's basic_text backend.
// The pull-request workflow (.github/workflows/pull-request.yml) does all of that.
const binary = electronBinary();
if (binary === null) {
  console.warn(
    'Electron e2e skipped: the Electron binary is not installed (npm ci ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1). ' +
      'The pull-request workflow runs it on ubuntu-latest under xvfb-run.',
  );
}

const ROOT = path.resolve(import.meta.dirname, '../..');
let app: ElectronApplication;
let page: Page;
let emulators: RunningEmulators;
let camera: FakeCamera;
let configHome: string;

describe.skipIf(binary === null)('a day at the desk in the Electron app', () => {
  beforeAll(async () => {
    camera = new FakeCamera();
    camera.show(...livePersonClip());
    // userData is $XDG_CONFIG_HOME/Enrollment Station on Linux: a fresh station every run.
    configHome = fs.mkdtempSync(path.join(os.tmpdir(), 'station-electron-e2e-'));
    emulators = await startEmulators();
    app = await _electron.launch({
      executablePath: binary ?? '',
      cwd: ROOT,
      args: [
        ROOT,
        '--password-store=gnome-libsecret',
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${camera.file}`,
      ],
      env: { ...process.env, XDG_CONFIG_HOME: configHome },
    });
    page = await app.firstWindow();
    await page.setViewportSize({ width: 1280, height: 900 });
  });
  afterAll(async () => {
    await app?.close();
    await emulators?.close();
    camera?.remove();
    if (configHome) fs.rmSync(configHome, { recursive: true, force: true });
  });

  it('first run, one enrollment with the fake camera, the queue, sign-out', async () => {
    await runDeskScenario(page, { url: APP_ENTRY_URL, emulators });
  });
});
