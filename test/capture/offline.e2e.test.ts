// The capture module never leaves the app's origin: Human's models, the tfjs
// WASM binaries and everything else come from our own server, from page load
// through a finished capture.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeY4m } from '../fixtures/y4m.js';
import { launchChromium } from '../support/browser.js';
import type { CaptureHarnessState } from './harness-types.js';
import { useCaptureHarness } from './harness-lifecycle.js';
import { blinkClip, TEST_CAMERA_FPS } from './scenes.js';

type HarnessGlobal = { captureHarness: CaptureHarnessState };

const run = useCaptureHarness('capture-offline-');

describe('capture offline', () => {
  it('loads the models and WASM and captures a face without one request leaving the page origin', async () => {
    const camera = path.join(run.sceneDir, 'compliant.y4m');
    writeY4m(camera, blinkClip(), { fps: TEST_CAMERA_FPS });
    const browser = await launchChromium({ fakeCameraFile: camera });
    run.browsers.push(browser);
    const context = await browser.newContext();
    const requested: string[] = [];
    const blocked: string[] = [];
    context.on('request', (request) => requested.push(request.url()));
    // Anything for another origin is recorded and refused, so a CDN fallback could not hide.
    await context.route(
      (url) => url.origin !== run.harness.origin,
      (route) => {
        blocked.push(route.request().url());
        return route.abort('blockedbyclient');
      },
    );
    const page = await context.newPage();
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(`${run.harness.origin}/harness.html?component=face`);
    const captured = await page.waitForFunction(() => (globalThis as unknown as HarnessGlobal).captureHarness.face?.photos.length ?? 0, undefined, {
      timeout: 120_000,
      polling: 250,
    });
    expect(await captured.jsonValue()).toBe(1);

    expect(blocked).toEqual([]);
    const foreign = requested.filter((url) => new URL(url).origin !== run.harness.origin && !url.startsWith('blob:') && !url.startsWith('data:'));
    expect(foreign).toEqual([]);
    // Every model file that ships, and a WASM binary, were fetched from our server.
    const shippedModels = fs.readdirSync(path.join(import.meta.dirname, '../../resources/human/models'));
    expect(shippedModels.length).toBeGreaterThan(0);
    for (const file of shippedModels) expect(run.harness.served).toContain(`/models/${file}`);
    expect(run.harness.served.some((served) => /^\/wasm\/tfjs-backend-wasm(-simd)?\.wasm$/.test(served))).toBe(true);
  });
});
