import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { compliantScene } from '../capture/scenes.js';
import { openEnroll } from './support/enroll-flow.js';
import { idCardScene } from './support/id-card-scene.js';
import { startStationHarness, type StationHarness } from './support/station-harness.js';
import { configureProvider, createSupervisor, visible } from './support/station-setup.js';

// Needs `npm run build` first (npm test does it). The camera shows one still frame: with the
// default settings nothing is taken without a blink, so the face step stays open to be measured.
const LAPTOPS = [
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
] as const;

let station: StationHarness;

beforeAll(async () => {
  station = await startStationHarness({ screenshotPrefix: 'fit', scene: [compliantScene()] });
  await createSupervisor(station.page, station.host.url);
});
afterAll(async () => {
  await station?.close();
});

/** Each element's box lies wholly inside the viewport, with the page not scrolled. */
async function outsideViewport(page: Page, testIds: readonly string[]): Promise<string[]> {
  const viewport = page.viewportSize();
  if (!viewport) throw new Error('no viewport');
  const outside: string[] = [];
  for (const testId of testIds) {
    const box = await page.getByTestId(testId).boundingBox();
    if (!box || box.y < 0 || box.x < 0 || box.y + box.height > viewport.height || box.x + box.width > viewport.width) {
      outside.push(`${testId} ${JSON.stringify(box)}`);
    }
  }
  return outside;
}

/** From the identity step with the fields typed to the first capture step. */
async function toCaptureStep(page: Page, fields: Record<string, string>): Promise<void> {
  await openEnroll(page);
  await visible(page, 'enroll-identity');
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.keyboard.press('Enter');
  await visible(page, 'enroll-consent');
  await page.getByTestId('enroll-consent').getByRole('checkbox').check();
  await page.keyboard.press('Enter');
}

describe.each(LAPTOPS)('the capture steps on a $width x $height laptop', (viewport) => {
  it('face: preview, oval, guidance, progress and Cancel all visible without scrolling, under one heading', async () => {
    const { page, emulators, camera } = station;
    camera.show(compliantScene());
    await page.setViewportSize(viewport);
    await configureProvider(page, emulators, 'photo-registry');
    await toCaptureStep(page, { 'User ID': `fit-${viewport.width}` });
    await visible(page, 'face-guidance', 60_000);
    await expect.poll(() => page.getByTestId('face-guidance').getAttribute('data-reason'), { timeout: 60_000 }).toBe('blink');
    await page.screenshot({ path: `test-results/screenshots/fit-face-${viewport.width}x${viewport.height}.png` });
    expect(await page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY)).toBe(0);
    expect(await outsideViewport(page, ['camera-video', 'face-guidance', 'face-progress', 'face-cancel', 'status-bar'])).toEqual([]);
    expect(await page.getByTestId('enroll-face').getByRole('heading').count()).toBe(1);
    // The words are large: at least 24 px.
    expect(
      parseFloat(
        await page
          .getByTestId('face-guidance')
          .evaluate((element) => (globalThis as unknown as { getComputedStyle(target: unknown): { fontSize: string } }).getComputedStyle(element).fontSize),
      ),
    ).toBeGreaterThanOrEqual(24);
    await page.getByTestId('face-cancel').click();
  });

  it('ID card: preview, framing guide, Take photo and Cancel all visible without scrolling, under one heading', async () => {
    const { page, emulators, camera } = station;
    camera.show(idCardScene(4));
    await page.setViewportSize(viewport);
    await configureProvider(page, emulators, 'cin-auth');
    await toCaptureStep(page, { 'User ID': `fit-card-${viewport.width}` });
    await visible(page, 'id-card-capture', 30_000);
    await expect.poll(() => page.getByTestId('id-card-take').isEnabled(), { timeout: 30_000 }).toBe(true);
    expect(await page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY)).toBe(0);
    expect(await outsideViewport(page, ['camera-video', 'id-card-take', 'id-card-cancel', 'status-bar'])).toEqual([]);
    expect(await page.getByTestId('enroll-id-card').getByRole('heading').count()).toBe(1);
    await page.getByTestId('id-card-cancel').click();
  });
});
