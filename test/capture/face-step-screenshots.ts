// Screenshots of the face step at 1366x768 for the README: the whole station as a clerk sees it
// (top bar, step, status bar) with the guidance a compliant face gets and each blocking reason
// the capture scenes produce. Not part of npm test (a station, a browser and Human for every
// scene): after `npm run build`, `npm run screenshots` writes docs/screenshots/face-step-<reason>.png.
//
// Photos of people are never committed: the camera picture is hidden while the page is shot
// (the stage shows a dark panel), so the oval and arrow drawn over it, the words, progress and
// Cancel stay visible but no camera pixels.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { RgbaImage } from '../fixtures/faces.js';
import { openEnroll } from '../ui/support/enroll-flow.js';
import { startStationHarness } from '../ui/support/station-harness.js';
import { configureProvider, createSupervisor, visible } from '../ui/support/station-setup.js';
import { blurredScene, compliantScene, darkScene, livePersonClip, noFaceScene, turnedHeadScene, twoFacesScene } from './scenes.js';

const OUT = 'docs/screenshots';
const VIEWPORT = { width: 1366, height: 768 };
/** Human on two shared cores takes a while to load and to settle on a reason. */
const REASON_TIMEOUT_MS = 120_000;

/**
 * Shoots the page with the camera picture hidden and a dark panel in its place. The station's
 * content security policy refuses injected stylesheets (Playwright's `style` option among them),
 * so the video element's own style is set, and put back after the shot.
 */
async function shootWithoutCamera(page: Page, file: string): Promise<void> {
  const video = page.getByTestId('camera-video');
  const setHidden = (hidden: boolean) =>
    video.evaluate((element: VideoElement, hide) => {
      element.style.visibility = hide ? 'hidden' : '';
      if (element.parentElement) element.parentElement.style.background = hide ? '#20242a' : '';
    }, hidden);
  await setHidden(true);
  const visibility = await video.evaluate(
    (element) => (globalThis as unknown as { getComputedStyle(target: unknown): { visibility: string } }).getComputedStyle(element).visibility,
  );
  if (visibility !== 'hidden') throw new Error('the camera picture is still showing: no screenshot taken');
  await page.screenshot({ path: file, animations: 'disabled' });
  await setHidden(false);
}

/** The little of the video element the page-side code touches (the Node typings have no DOM). */
interface VideoElement {
  style: { visibility: string };
  parentElement: { style: { background: string } } | null;
}

/** The reason the guidance must show (`data-reason`) and the scene the camera plays for it, with the default settings. */
const SHOTS: ReadonlyArray<{ reason: string; scene: () => RgbaImage[] }> = [
  // A still picture of a compliant face: nothing is taken until the person blinks.
  { reason: 'blink', scene: () => [compliantScene()] },
  { reason: 'no_face', scene: () => [noFaceScene()] },
  { reason: 'several_faces', scene: () => [twoFacesScene()] },
  { reason: 'too_dark', scene: () => [darkScene()] },
  { reason: 'hold_still_blurry', scene: () => [blurredScene()] },
  { reason: 'turn_right', scene: () => [turnedHeadScene()] },
  // The same person blinking: every gate holds and the photos are about to be taken. Last, as
  // the step may go on to the review before Cancel is pressed.
  { reason: 'hold_still', scene: livePersonClip },
];

/** From anywhere in the app to the consent step of a fresh enrollment, consent given. */
async function openConsentStep(page: Page): Promise<void> {
  await openEnroll(page);
  await visible(page, 'enroll-identity');
  await page.getByLabel('User ID', { exact: true }).fill('screenshots');
  await page.keyboard.press('Enter');
  await visible(page, 'enroll-consent');
  await page.getByTestId('enroll-consent').getByRole('checkbox').check();
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const station = await startStationHarness({ screenshotPrefix: 'face-step', scene: [compliantScene()] });
  try {
    const { page, camera, emulators, host } = station;
    await page.setViewportSize(VIEWPORT);
    await createSupervisor(page, host.url);
    await configureProvider(page, emulators, 'photo-registry');
    await openConsentStep(page);
    for (const shot of SHOTS) {
      // The camera file is read when the face step opens it, so it changes only between steps.
      camera.show(...shot.scene());
      await page.getByTestId('enroll-consent').locator('button[type="submit"]').click();
      await visible(page, 'enroll-face', 30_000);
      await page.locator(`[data-testid="face-guidance"][data-reason="${shot.reason}"]`).waitFor({ timeout: REASON_TIMEOUT_MS });
      const file = path.join(OUT, `face-step-${shot.reason}.png`);
      await shootWithoutCamera(page, file);
      console.log(`wrote ${file} (${Math.round(fs.statSync(file).size / 1024)} KB)`);
      if (shot === SHOTS.at(-1)) break;
      // Cancel goes back to the consent step; the next scene's face step opens from there.
      await page.getByTestId('face-cancel').click();
      await visible(page, 'enroll-consent');
    }
  } finally {
    await station.close();
  }
}

await main();
