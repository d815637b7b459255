// The camera's failures each show their reason and a way out, and the clip
// recorder returns a WebM under its byte limit.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeY4m } from '../fixtures/y4m.js';
import { launchChromium } from '../support/browser.js';
import type { CaptureHarnessState, HarnessClipResult } from './harness-types.js';
import { useCaptureHarness } from './harness-lifecycle.js';
import { compliantScene, TEST_CAMERA_FPS } from './scenes.js';

type HarnessGlobal = { captureHarness: CaptureHarnessState };

const run = useCaptureHarness('capture-camera-');
let camera: string;

beforeAll(() => {
  camera = path.join(run.sceneDir, 'compliant.y4m');
  writeY4m(camera, [compliantScene()], { fps: TEST_CAMERA_FPS });
});

async function launch(options: Parameters<typeof launchChromium>[0]): Promise<Browser> {
  const browser = await launchChromium(options);
  run.browsers.push(browser);
  return browser;
}

describe('camera failures', () => {
  it('without any camera, says so and offers a retry instead of a dead screen', async () => {
    const browser = await launch({});
    const page = await browser.newPage();
    await page.goto(`${run.harness.origin}/harness.html?component=face`);
    const failure = page.getByTestId('camera-failure');
    await expect.poll(() => failure.getAttribute('data-reason'), { timeout: 30_000 }).toBe('no_camera');
    await expect.poll(() => failure.textContent()).toContain('No camera found');
    expect(await page.getByTestId('camera-retry').isVisible()).toBe(true);
  });

  it('when camera access is denied, says so, and Try again opens the camera once it is allowed', async () => {
    // A fake device, but no automatic "allow": the page's request is refused.
    const browser = await launch({ extraArgs: ['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${camera}`] });
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${run.harness.origin}/harness.html?component=clip`);
    const failure = page.getByTestId('camera-failure');
    await expect.poll(() => failure.getAttribute('data-reason'), { timeout: 30_000 }).toBe('permission_denied');

    await context.grantPermissions(['camera'], { origin: run.harness.origin });
    await page.getByTestId('camera-retry').click();
    await expect.poll(() => page.getByTestId('camera-view').getAttribute('data-camera-status'), { timeout: 30_000 }).toBe('live');
  });
});

describe('LocationCheck', () => {
  it('reports the position when location is allowed, and a denial with its remedy when not', async () => {
    const browser = await launch({});
    const allowed = await browser.newContext({ geolocation: { latitude: -6.2, longitude: 106.8, accuracy: 25 }, permissions: ['geolocation'] });
    const page = await allowed.newPage();
    await page.goto(`${run.harness.origin}/harness.html?component=location`);
    await page.getByTestId('location-locate').click();
    const located = await page.waitForFunction(() => (globalThis as unknown as HarnessGlobal).captureHarness.location, undefined, { timeout: 30_000 });
    expect(await located.jsonValue()).toEqual({ latitude: -6.2, longitude: 106.8, accuracy: 25 });

    const denied = await (await browser.newContext()).newPage();
    await denied.goto(`${run.harness.origin}/harness.html?component=location`);
    await denied.getByTestId('location-locate').click();
    const check = denied.getByTestId('location-check');
    await expect.poll(() => check.getAttribute('data-status'), { timeout: 30_000 }).toBe('failed');
    expect(await check.locator('[data-reason]').getAttribute('data-reason')).toBe('denied');
    expect(await check.textContent()).toContain('Allow location access');
  });
});

describe('ClipCapture', () => {
  it('records a WebM clip of the asked length under the byte limit', async () => {
    const browser = await launch({ fakeCameraFile: camera });
    const page = await browser.newPage();
    const maxBytes = 400_000;
    await page.goto(`${run.harness.origin}/harness.html?component=clip&props=${encodeURIComponent(JSON.stringify({ seconds: 2, maxBytes }))}`);
    await expect.poll(() => page.getByTestId('camera-view').getAttribute('data-camera-status'), { timeout: 30_000 }).toBe('live');
    await page.getByTestId('clip-record').click();
    await page.getByTestId('clip-use').click({ timeout: 60_000 });
    const handle = await page.waitForFunction(() => (globalThis as unknown as HarnessGlobal).captureHarness.clip, undefined, { timeout: 30_000 });
    const clip = (await handle.jsonValue()) as HarnessClipResult;
    const bytes = Buffer.from(clip.base64, 'base64');
    expect(clip.mime).toBe('video/webm');
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.length).toBeLessThanOrEqual(maxBytes);
    // EBML header: every WebM file starts with it.
    expect([...bytes.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
    expect(clip.durationMs).toBeGreaterThanOrEqual(1900);
  });
});
