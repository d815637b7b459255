import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { ChannelInput, ChannelName, ChannelOutput, StationApi } from '../../../shared/contract/index.js';
import type { Result } from '../../../shared/contract/result.js';
import { startEmulators, type RunningEmulators, type StartEmulatorsOptions } from '../../emulators/index.js';
import type { RgbaImage } from '../../fixtures/faces.js';
import { launchChromium } from '../../support/browser.js';
import { startPreviewHost, type RunningPreviewHost } from '../../support/preview-host.js';
import { FakeCamera } from './fake-camera.js';

export const SCREENSHOTS = 'test-results/screenshots';

/** The five emulators in this process, the station in the preview host, and Chromium with a fake camera on it. */
export interface StationHarness {
  readonly emulators: RunningEmulators;
  readonly host: RunningPreviewHost;
  readonly browser: Browser;
  readonly page: Page;
  readonly camera: FakeCamera;
  /** A whole-page screenshot in test-results/screenshots/<prefix>-<name>.png. */
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startStationHarness(options: {
  screenshotPrefix: string;
  /** What the camera shows first: one frame, or frames played in a loop. */
  scene: readonly RgbaImage[];
  emulators?: StartEmulatorsOptions;
  /** Further flags of the preview host, e.g. a shorter photo-registry poll. */
  hostArgs?: readonly string[];
}): Promise<StationHarness> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const camera = new FakeCamera();
  camera.show(...options.scene);
  const [emulators, host, browser] = await Promise.all([
    startEmulators(options.emulators),
    startPreviewHost({ args: options.hostArgs }),
    launchChromium({ fakeCameraFile: camera.file }),
  ]);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  return {
    emulators,
    host,
    browser,
    page,
    camera,
    shot: async (name) => {
      await page.screenshot({ path: `${SCREENSHOTS}/${options.screenshotPrefix}-${name}.png`, fullPage: true });
    },
    close: async () => {
      await Promise.all([browser.close(), host.stop(), emulators.close()]);
      camera.remove();
    },
  };
}

/**
 * Calls the station from the page, over the page's own connection and so with its signed-in operator.
 * Photos go in as Uint8Array: Playwright carries typed arrays into the page, but a Buffer only as its JSON.
 */
export async function invoke<K extends ChannelName>(page: Page, name: K, input?: ChannelInput<K>): Promise<ChannelOutput<K>> {
  const result = await page.evaluate(
    ([channel, value]) => {
      const api = (globalThis as unknown as { station: StationApi }).station;
      return (api.invoke[channel] as (input: unknown) => Promise<Result<unknown>>)(value);
    },
    [name, input] as const,
  );
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.value as ChannelOutput<K>;
}
