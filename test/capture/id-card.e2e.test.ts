// IdCardCapture with a fake camera showing a card, and the local 1:1 hint:
// the card face's descriptor against the live face's.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { decodeJpeg } from '../fixtures/faces.js';
import { takeIdCardPhoto } from '../ui/support/enroll-flow.js';
import type { CaptureHarnessState, HarnessFaceResult, HarnessIdCardResult } from './harness-types.js';
import { useCaptureHarness } from './harness-lifecycle.js';
import { blinkClip, FRONTAL_PERSON, idCardScene } from './scenes.js';

type HarnessGlobal = { captureHarness: CaptureHarnessState };
const OTHER_PERSON = 0;

const run = useCaptureHarness('capture-card-');

const cardQuery = (maxBytes: number): string => `component=idcard&props=${encodeURIComponent(JSON.stringify({ maxBytes }))}`;

async function captureCard(person: number, maxBytes: number): Promise<{ page: Page; card: HarnessIdCardResult }> {
  const page = await run.show([idCardScene(person)], cardQuery(maxBytes));
  // The first capture of the file loads the face models: as long as this test always gave it.
  await takeIdCardPhoto(page, 120_000);
  const card = await page.waitForFunction(() => (globalThis as unknown as HarnessGlobal).captureHarness.idCard, undefined, { timeout: 30_000 });
  return { page, card: (await card.jsonValue()) as HarnessIdCardResult };
}

describe('IdCardCapture', () => {
  it('returns the card as a JPEG under the limit, and its face matches the live face of the same person only', async () => {
    const live = await run.show(blinkClip(), 'component=face');
    const face = (await (
      await live.waitForFunction(() => (globalThis as unknown as HarnessGlobal).captureHarness.face, undefined, { timeout: 120_000, polling: 250 })
    ).jsonValue()) as HarnessFaceResult;
    const liveDescriptor = face.descriptor;
    expect(liveDescriptor).toHaveLength(1024);

    const maxBytes = 40_000;
    const same = await captureCard(FRONTAL_PERSON, maxBytes);
    const bytes = Buffer.from(same.card.photo.base64, 'base64');
    expect(bytes.length).toBeLessThanOrEqual(maxBytes);
    const decoded = decodeJpeg(bytes);
    expect({ width: decoded.width, height: decoded.height }).toEqual({ width: same.card.photo.width, height: same.card.photo.height });
    // ID-1 proportions.
    expect(Math.abs(decoded.width / decoded.height - 85.6 / 54)).toBeLessThan(0.02);
    expect(same.card.descriptor).toHaveLength(1024);

    const other = await captureCard(OTHER_PERSON, maxBytes);
    expect(other.card.descriptor).toHaveLength(1024);

    const similarity = (a: readonly number[], b: readonly number[]) =>
      same.page.evaluate(([x, y]) => (globalThis as unknown as HarnessGlobal).captureHarness.similarity(x, y), [a, b] as const);
    const samePerson = await similarity(liveDescriptor ?? [], same.card.descriptor ?? []);
    const otherPerson = await similarity(liveDescriptor ?? [], other.card.descriptor ?? []);
    // Human calls 0.5 and above the same person.
    expect(samePerson).toBeGreaterThanOrEqual(0.5);
    expect(otherPerson).toBeLessThan(0.5);
  });

  it('a photo the browser fails to take gives the button back and says so, and the next click takes it', async () => {
    // What a CI run saw: the step stayed at "processing" for good. Here the browser's first grab of the video fails,
    // as createImageBitmap does for a video that has its size but no frame yet.
    const page = await run.show([idCardScene(FRONTAL_PERSON)], cardQuery(40_000));
    // Only the first grab fails: the page is the file's, and later grabs go through as before.
    await page.evaluate(() => {
      // The node tsconfig has no DOM types: the page's globals as far as this script uses them.
      const window = globalThis as unknown as {
        createImageBitmap: (...args: unknown[]) => Promise<unknown>;
        HTMLVideoElement: abstract new () => object;
        DOMException: new (message: string, name: string) => Error;
      };
      const grab = window.createImageBitmap.bind(window);
      let failed = false;
      window.createImageBitmap = (...args) => {
        if (failed || !(args[0] instanceof window.HTMLVideoElement)) return grab(...args);
        failed = true;
        return Promise.reject(new window.DOMException('The provided element has not retrieved data.', 'InvalidStateError'));
      };
    });
    const capture = page.getByTestId('id-card-capture');
    const take = capture.getByTestId('id-card-take');
    await expect.poll(() => take.isEnabled(), { timeout: 30_000 }).toBe(true);
    await take.click();
    await expect.poll(() => capture.getAttribute('data-step'), { timeout: 10_000 }).toBe('failed');
    expect(await capture.getByTestId('id-card-failure').textContent()).toBe('The photo could not be taken. Take it again.');

    await takeIdCardPhoto(page, 120_000);
    const card = await page.waitForFunction(() => (globalThis as unknown as HarnessGlobal).captureHarness.idCard, undefined, { timeout: 30_000 });
    expect(((await card.jsonValue()) as HarnessIdCardResult).photo.base64.length).toBeGreaterThan(0);
  });
});
