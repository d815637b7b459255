// FaceCapture in Debian Chromium with a fake camera playing scenes made at
// test time from Human's sample images: what is captured, and what blocks a
// capture with which reason code.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RgbaImage } from '../fixtures/faces.js';
import { decodeJpeg } from '../fixtures/faces.js';
import type { CaptureThresholds } from '../../shared/settings.js';
import type { CaptureHarnessState, HarnessFaceResult } from './harness-types.js';
import { useCaptureHarness } from './harness-lifecycle.js';
import { blinkClip, blurredScene, compliantScene, darkScene, noFaceScene, turnedHeadScene, twoFacesScene } from './scenes.js';

const run = useCaptureHarness('capture-scenes-');

interface FaceProps {
  manualCaptureAllowed?: boolean;
  shots?: number;
  maxBytes?: number;
  thresholds?: Partial<CaptureThresholds>;
  headTurn?: 'left' | 'right' | null;
}

const faceQuery = (props: FaceProps): string => `component=face&props=${encodeURIComponent(JSON.stringify(props))}`;

/** FaceCapture with the camera playing `frames` in a loop, in the file's page (the models loaded once for the file). */
const openFaceCapture = (frames: RgbaImage[], props: FaceProps = {}): Promise<Page> => run.show(frames, faceQuery(props));

/** The harness page's globals, for functions that run inside the page (functions, not strings: the CSP forbids eval). */
type HarnessGlobal = { captureHarness: CaptureHarnessState };

const capturedFace = (page: Page): Promise<HarnessFaceResult> =>
  page
    .waitForFunction(() => (globalThis as unknown as HarnessGlobal).captureHarness.face, undefined, { timeout: 120_000, polling: 250 })
    .then((handle) => handle.jsonValue() as Promise<HarnessFaceResult>);

const analysedFrames = async (page: Page): Promise<number> => Number(await page.getByTestId('face-capture').getAttribute('data-frames'));

/**
 * Waits until the guidance shows `reason`, then for 15 more analysed frames (several steady
 * windows' worth), and returns what the page holds by then.
 */
async function reasonAfterFrames(page: Page, reason: string): Promise<{ reason: string | null; taken: string | null; captured: boolean }> {
  const guidance = page.getByTestId('face-guidance');
  await expect.poll(() => guidance.getAttribute('data-reason'), { timeout: 120_000, interval: 250 }).toBe(reason);
  const seen = await analysedFrames(page);
  await expect.poll(() => analysedFrames(page), { timeout: 120_000, interval: 250 }).toBeGreaterThanOrEqual(seen + 15);
  return {
    reason: await guidance.getAttribute('data-reason'),
    taken: await page.getByTestId('face-capture').getAttribute('data-taken'),
    captured: await page.evaluate(() => (globalThis as unknown as HarnessGlobal).captureHarness.face !== null),
  };
}

describe('FaceCapture with a fake camera', () => {
  it('auto-captures a compliant face as a JPEG under the byte limit that decodes, with scores and liveness hints', async () => {
    const maxBytes = 20_000;
    const page = await openFaceCapture(blinkClip(), { maxBytes });
    const result = await capturedFace(page);

    expect(result.photos).toHaveLength(1);
    const [photo] = result.photos;
    if (!photo) throw new Error('no photo');
    const bytes = Buffer.from(photo.base64, 'base64');
    expect(bytes.length).toBeLessThanOrEqual(maxBytes);
    const decoded = decodeJpeg(bytes);
    expect({ width: decoded.width, height: decoded.height }).toEqual({ width: photo.width, height: photo.height });
    // A 3:4 portrait (within rounding).
    expect(Math.abs(photo.width / photo.height - 3 / 4)).toBeLessThan(0.02);
    // No APP1..APP15 or COM segment right after the start of image.
    expect(bytes[0]).toBe(0xff);
    expect(bytes[1]).toBe(0xd8);
    expect(bytes[2]).toBe(0xff);
    expect(bytes[3] === 0xfe || ((bytes[3] ?? 0) >= 0xe1 && (bytes[3] ?? 0) <= 0xef)).toBe(false);
    expect(photo.scores.faceCount).toBe(1);
    expect(photo.scores.eyeDistancePx).toBeGreaterThanOrEqual(80);

    expect(result.liveness.real).toBeGreaterThanOrEqual(0.5);
    expect(result.liveness.live).toBeGreaterThanOrEqual(0.5);
    // By default nothing is taken before movement: the clip's blink.
    expect(result.liveness.blinkSeen).toBe(true);
    expect(result.liveness.headTurn).toBeNull();
    expect(result.descriptor).toHaveLength(1024);
  });

  it('takes N distinct photos when asked for several', async () => {
    const page = await openFaceCapture(blinkClip(), { shots: 2, maxBytes: 60_000 });
    const result = await capturedFace(page);
    expect(result.photos).toHaveLength(2);
    for (const photo of result.photos) expect(Buffer.from(photo.base64, 'base64').length).toBeLessThanOrEqual(60_000);
  });

  const blocked: Array<[string, () => RgbaImage, string]> = [
    ['no face', noFaceScene, 'no_face'],
    ['two faces', twoFacesScene, 'several_faces'],
    ['a dark frame', darkScene, 'too_dark'],
    ['a blurred frame', blurredScene, 'hold_still_blurry'],
    ['a turned head', turnedHeadScene, 'turn_right'],
  ];
  for (const [what, scene, reason] of blocked) {
    it(`blocks capture of ${what} with reason ${reason}`, async () => {
      const page = await openFaceCapture([scene()]);
      expect(await reasonAfterFrames(page, reason)).toEqual({ reason, taken: '0', captured: false });
    });
  }

  it('asks for the head-turn challenge first and captures nothing until the head turns', async () => {
    const page = await openFaceCapture([compliantScene()], { headTurn: 'left' });
    expect(await reasonAfterFrames(page, 'turn_head')).toEqual({ reason: 'turn_head', taken: '0', captured: false });
    expect(await page.getByTestId('face-guidance').textContent()).toContain('turn your head to your left');
  });

  it('with the head-turn setting on and no side named (as the enroll and verify steps call it), asks for a turn to a side it draws', async () => {
    const page = await openFaceCapture([compliantScene()], { thresholds: { requireHeadTurn: 1 } });
    expect(await reasonAfterFrames(page, 'turn_head')).toEqual({ reason: 'turn_head', taken: '0', captured: false });
    expect(await page.getByTestId('face-guidance').textContent()).toMatch(/turn your head to your (left|right)/);
  });

  it('never takes a frozen frame with the default settings: it asks for a blink, in amber', async () => {
    // One still picture looped by the camera: the single-picture models pass it, only movement can tell.
    const page = await openFaceCapture([compliantScene()]);
    expect(await reasonAfterFrames(page, 'blink')).toEqual({ reason: 'blink', taken: '0', captured: false });
    const guidance = page.getByTestId('face-guidance');
    expect(await guidance.textContent()).toBe('Please blink once');
    expect(await guidance.getAttribute('data-state')).toBe('adjusting');
  });

  it('offers the next step after the set time without a photo: start again for anyone; a supervisor takes it by hand, with the reason kept', async () => {
    // Both open at once (the supervisor's in a page of its own), so their set times run together.
    const clerk = await openFaceCapture([compliantScene()], { thresholds: { offerNextStepAfterSeconds: 5 } });
    const supervisor = await run.openPage(faceQuery({ thresholds: { offerNextStepAfterSeconds: 5 }, manualCaptureAllowed: true }));
    await clerk.getByTestId('face-stuck').waitFor({ state: 'visible', timeout: 120_000 });
    expect(await clerk.getByTestId('face-start-again').isVisible()).toBe(true);
    expect(await clerk.getByTestId('face-manual-take').count()).toBe(0);
    // Starting again hides the offer until the set time has passed once more.
    await clerk.getByTestId('face-start-again').click();
    expect(await clerk.getByTestId('face-stuck').count()).toBe(0);

    await supervisor.getByTestId('face-stuck').waitFor({ state: 'visible', timeout: 120_000 });
    expect(await supervisor.getByTestId('face-manual-take').isDisabled()).toBe(true);
    await supervisor.getByTestId('face-manual-reason').selectOption('person_cannot');
    await supervisor.getByTestId('face-manual-take').click();
    const result = await capturedFace(supervisor);
    expect(result.manualReason).toBe('person_cannot');
    expect(result.photos).toHaveLength(1);
    expect(result.liveness.blinkSeen).toBe(false);
  });

  it('sees the blink in a clip whose eyes close for a third of a second, and captures after it', async () => {
    const page = await openFaceCapture(blinkClip());
    const result = await capturedFace(page);
    expect(result.liveness.blinkSeen).toBe(true);
    expect(result.photos).toHaveLength(1);
  });
});
