import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_SELF_TEST_GLOBAL, type SelfTestCheck } from '../../shared/self-test.js';
import { encodeJpeg, noFace } from '../fixtures/faces.js';
import { launchChromium } from '../support/browser.js';
import { startPreviewHost, type RunningPreviewHost } from '../support/preview-host.js';

// The renderer's half of the packaged app's self-test, in Chromium with the preview host standing in
// for main and the preload (the same window.station, the same built renderer and Human worker).
// Needs `npm run build` first (npm test does it): it also makes resources/human/self-test/face.jpg.
let browser: Browser;
let host: RunningPreviewHost;
let page: Page;

beforeAll(async () => {
  [browser, host] = await Promise.all([launchChromium(), startPreviewHost()]);
  page = await browser.newPage();
  await page.goto(host.url);
  await page.getByTestId('first-run-screen').waitFor({ state: 'visible', timeout: 30_000 });
});
afterAll(async () => {
  await Promise.all([browser?.close(), host?.stop()]);
});

const selfTest = (faceJpeg: Buffer): Promise<SelfTestCheck[]> =>
  page.evaluate(
    ([name, image]) =>
      (globalThis as unknown as Record<string, (image: string) => Promise<SelfTestCheck[]>>)[name]?.(image) ??
      Promise.reject(new Error('no self-test entry point')),
    [RENDERER_SELF_TEST_GLOBAL, faceJpeg.toString('base64')] as const,
  );

describe('renderer self-test', () => {
  it('calls status.get through window.station, loads Human from the app origin and finds the one face in the image the build made', async () => {
    const checks = await selfTest(fs.readFileSync('resources/human/self-test/face.jpg'));
    expect(checks.map(({ name, ok }) => [name, ok])).toEqual([
      ['preload-ipc', true],
      ['human-models', true],
      ['human-detection', true],
    ]);
    expect(checks[2]?.detail).toMatch(/^1 face, score (0\.[6-9]\d|1\.00)$/);
  });

  it('fails the detection check on an image without a face', async () => {
    const checks = await selfTest(encodeJpeg(noFace()));
    expect(checks.at(-1)).toMatchObject({ name: 'human-detection', ok: false, detail: 'expected 1 face in the self-test image, found 0' });
  });
});
