// The capture module never leaves the app's origin: Human's models, the tfjs
// WASM binaries and everything else come from our own server, from page load
// through a finished capture.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeY4m } from '../fixtures/y4m.js';
import { launchChromium } from '../support/browser.js';
import type { CaptureHarnessState } from './harness-types.js';
import { buildHarness, serveHarness, type CaptureHarness } from './harness-server.js';
import { compliantScene } from './scenes.js';

type HarnessGlobal = { captureHarness: CaptureHarnessState };

let builtDir: string;
let harness: CaptureHarness;
let sceneDir: string;
let browser: Browser | undefined;

beforeAll(async () => {
  builtDir = await buildHarness();
  harness = await serveHarness(builtDir);
  sceneDir = fs.mkdtempSync(path.join(os.tmpdir(), 'capture-offline-'));
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  fs.rmSync(builtDir, { recursive: true, force: true });
  fs.rmSync(sceneDir, { recursive: true, force: true });
});

describe('capture offline', () => {
  it('loads the models and WASM and captures a face without one request leaving the page origin', async () => {
    const camera = path.join(sceneDir, 'compliant.y4m');
    writeY4m(camera, [compliantScene()]);
    browser = await launchChromium({ fakeCameraFile: camera });
    const context = await browser.newContext();
    const requested: string[] = [];
    const blocked: string[] = [];
    context.on('request', (request) => requested.push(request.url()));
    // Anything for another origin is recorded and refused, so a CDN fallback could not hide.
    await context.route(
      (url) => url.origin !== harness.origin,
      (route) => {
        blocked.push(route.request().url());
        return route.abort('blockedbyclient');
      },
    );
    const page = await context.newPage();
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(`${harness.origin}/harness.html?component=face`);
    const captured = await page.waitForFunction(() => (globalThis as unknown as HarnessGlobal).captureHarness.face?.photos.length ?? 0, undefined, {
      timeout: 120_000,
      polling: 250,
    });
    expect(await captured.jsonValue()).toBe(1);

    expect(blocked).toEqual([]);
    const foreign = requested.filter((url) => new URL(url).origin !== harness.origin && !url.startsWith('blob:') && !url.startsWith('data:'));
    expect(foreign).toEqual([]);
    // Every model file that ships, and a WASM binary, were fetched from our server.
    const shippedModels = fs.readdirSync(path.join(import.meta.dirname, '../../resources/human/models'));
    expect(shippedModels.length).toBeGreaterThan(0);
    for (const file of shippedModels) expect(harness.served).toContain(`/models/${file}`);
    expect(harness.served.some((served) => /^\/wasm\/tfjs-backend-wasm(-simd)?\.wasm$/.test(served))).toBe(true);
  });
});
