import jsqr from 'jsqr';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRONTAL_PERSON } from '../capture/scenes.js';
import { enrollThroughWizard, openEnroll } from './support/enroll-flow.js';
import { idCardScene } from './support/id-card-scene.js';
import { startStationHarness, type StationHarness } from './support/station-harness.js';
import { CLERK, configureProvider, createSupervisor, signInAsNewClerk, visible } from './support/station-setup.js';

// Needs `npm run build` first (npm test does it): the preview host serves dist/.
let station: StationHarness;
const USER_ID = 'siti-rahayu-3171';

beforeAll(async () => {
  station = await startStationHarness({ screenshotPrefix: 'slip', scene: [idCardScene(FRONTAL_PERSON)] });
  await createSupervisor(station.page, station.host.url);
  await configureProvider(station.page, station.emulators, 'cin-auth');
  await signInAsNewClerk(station.page);
  // The preview has no printer in main: the page prints itself. Count its prints instead of opening a dialog.
  await station.page.evaluate('window.print = () => { window.slipPrints = (window.slipPrints ?? 0) + 1; }');
}, 180_000);
afterAll(async () => {
  await station?.close();
});

const prints = (page: Page): Promise<unknown> => page.evaluate('window.slipPrints ?? 0');

/** Reads the QR code as drawn on the page, with the decoder the station itself uses. */
async function qrText(page: Page, testId: string): Promise<string | undefined> {
  const png = PNG.sync.read(await page.getByTestId(testId).screenshot());
  // jsqr is CommonJS: under NodeNext its default import is module.exports, whose `default` is the decoder.
  return jsqr.default(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height)?.data;
}

describe("the person's slip", () => {
  let reference = '';

  it('after submit: the reference written and as a QR code, who took it, nothing of the person, in the language the clerk picks', async () => {
    const { page } = station;
    await openEnroll(page);
    await enrollThroughWizard(page, { fields: { 'User ID': USER_ID } });
    reference = (await page.getByTestId('receipt-reference').textContent()) ?? '';
    await visible(page, 'person-slip');
    const slip = page.getByTestId('person-slip');

    // The station's language by default.
    expect(await page.getByTestId('slip-language').inputValue()).toBe('en');
    expect(await page.getByTestId('person-slip-reference').textContent()).toBe(reference);
    const english = (await slip.textContent()) ?? '';
    for (const text of ['Registration slip', 'Enrollment', 'CIN Auth', CLERK.name]) expect(english).toContain(text);
    expect(await qrText(page, 'person-slip-qr')).toBe(reference);
    await station.shot('receipt-en');

    // No identity field and no photo, clip or canvas: nothing biometric can be printed.
    expect(english).not.toContain(USER_ID);
    expect(await slip.locator('img, video, canvas, picture').count()).toBe(0);
    expect(await page.getByTestId('person-slip-print').locator('img, video, canvas, picture').count()).toBe(0);

    // The person reads French: the slip changes, the clerk's screen does not.
    await page.getByTestId('slip-language').selectOption('fr');
    await expect.poll(() => slip.getAttribute('lang')).toBe('fr');
    const french = (await slip.textContent()) ?? '';
    expect(french).toContain("Récépissé d'enregistrement");
    expect(french).toContain('Enregistré par');
    expect(french).toContain(reference);
    expect(await page.getByRole('button', { name: 'Print slip' }).isVisible()).toBe(true);
  });

  it('prints the slip alone: the print stylesheet hides the station around it', async () => {
    const { page } = station;
    await page.getByRole('button', { name: 'Print slip' }).click();
    await expect.poll(() => prints(page)).toBe(1);

    await page.emulateMedia({ media: 'print' });
    try {
      const printed = page.getByTestId('person-slip-print');
      expect(await printed.isVisible()).toBe(true);
      expect(await page.getByTestId('enroll-receipt').isVisible()).toBe(false);
      expect(await page.getByRole('navigation').isVisible()).toBe(false);
      expect(await printed.textContent()).toContain("Récépissé d'enregistrement");
      expect(await qrText(page, 'person-slip-print-qr')).toBe(reference);
      await station.shot('printed-fr');
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
    // On screen, the print copy stays out of the way.
    expect(await page.getByTestId('person-slip-print').isVisible()).toBe(false);
  });

  it('reprints from the queue detail, in the language of that print', async () => {
    const { page } = station;
    await page.getByTestId('receipt-reference').click();
    await visible(page, 'queue-detail');
    expect(await page.getByTestId('slip-panel').count()).toBe(0);
    await page.getByTestId('detail-reprint-slip').click();
    await visible(page, 'person-slip');
    expect(await page.getByTestId('person-slip-reference').textContent()).toBe(reference);
    expect(await page.getByTestId('slip-language').inputValue()).toBe('en');
    await page.getByTestId('slip-language').selectOption('id');
    await expect.poll(() => page.getByTestId('person-slip').textContent()).toContain('Tanda terima pendaftaran');
    await page.getByTestId('slip-print').click();
    await expect.poll(() => prints(page)).toBe(2);
    await station.shot('reprint-id');
  });
});
