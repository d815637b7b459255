import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmitInput } from '../../shared/contract/queue.js';
import { encodeJpeg, samplePerson } from '../fixtures/faces.js';
import { launchChromium } from '../support/browser.js';
import { startPreviewHost, type RunningPreviewHost } from '../support/preview-host.js';
import { invoke } from './support/station-harness.js';
import { createSupervisor, visible } from './support/station-setup.js';

// Needs `npm run build` first (npm test does it): the preview host serves dist/. Its hand-over files go to <data dir>/handover.
let browser: Browser;
let host: RunningPreviewHost;
let page: Page;

beforeAll(async () => {
  [browser, host] = await Promise.all([launchChromium(), startPreviewHost()]);
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await createSupervisor(page, host.url);
  // A provider and no endpoint: what is enrolled waits, as in the field.
  await invoke(page, 'settings.update', { providerId: 'cin-auth' });
}, 120_000);
afterAll(async () => {
  await Promise.all([browser?.close(), host?.stop()]);
});

/** One person per user id: one face under two ids would be refused as enrolled twice. */
const enrollment = (userId: string, person: number): SubmitInput => ({
  operation: 'enroll',
  fields: { userId },
  consent: { given: true, at: new Date().toISOString() },
  assets: [{ kind: 'id-card', mime: 'image/jpeg', bytes: new Uint8Array(encodeJpeg(samplePerson(person))) }],
  capture: { photos: [], liveness: { real: null, live: null, blinkSeen: false, headTurn: null }, idPhotoSimilarity: null },
  checkIn: null,
  replaces: null,
});

const PASSPHRASE = 'carry it to the district office';
const dialog = () => page.getByTestId('handover-dialog');
/** Sealing and opening derive the key with scrypt (about half a second, longer on a busy machine). */
const SCRYPT = { timeout: 15_000 };

describe('hand-carry on the queue screen', () => {
  it('hands the waiting submissions over with the passphrase typed twice, and receives the file back', async () => {
    await invoke(page, 'queue.submit', enrollment('alice', 0));
    await invoke(page, 'queue.submit', enrollment('bob', 1));
    await page.getByRole('link', { name: 'Queue' }).click();
    await visible(page, 'queue-screen');

    await page.getByTestId('handover-export').click();
    await expect.poll(() => dialog().getByTestId('handover-count').textContent()).toContain('2 waiting submissions will be written');
    await dialog().getByTestId('handover-passphrase').fill(PASSPHRASE);
    await dialog().getByTestId('handover-passphrase-again').fill(`${PASSPHRASE}.`);
    await dialog().getByTestId('handover-confirm').click();
    expect(await dialog().getByRole('alert').textContent()).toBe('The two passphrases differ. Type the same one twice.');
    await dialog().getByTestId('handover-passphrase-again').fill(PASSPHRASE);
    await dialog().getByTestId('handover-confirm').click();
    await expect.poll(() => page.getByTestId('queue-notice').textContent(), SCRYPT).toMatch(/^2 submissions handed over in handover-.+\.eshandover\./);
    await expect.poll(() => page.getByTestId('count-handed_over').textContent()).toBe('Handed over 2');

    await page.getByTestId('handover-import').click();
    await dialog().getByTestId('handover-passphrase').fill('not the passphrase at all');
    await dialog().getByTestId('handover-confirm').click();
    await expect
      .poll(() => dialog().getByTestId('handover-error').textContent(), SCRYPT)
      .toBe('The passphrase does not open this file. Check it with the supervisor who wrote it.');
    await dialog().getByTestId('handover-passphrase').fill(PASSPHRASE);
    await dialog().getByTestId('handover-confirm').click();
    // Handed over, then carried back: they wait here again.
    await expect.poll(() => page.getByTestId('queue-notice').textContent(), SCRYPT).toMatch(/: 2 added to the queue, 0 already here\.$/);
    await expect.poll(() => page.getByTestId('count-queued').textContent()).toBe('Queued 2');
  }, 120_000);

  it("seals for this station's key: the fingerprint shown on receiving matches the picked key file, and no passphrase is asked", async () => {
    await page.getByTestId('handover-import').click();
    await dialog().getByTestId('handover-seal-station-key').check();
    await expect.poll(() => dialog().getByTestId('handover-own-fingerprint').textContent()).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    const fingerprint = await dialog().getByTestId('handover-own-fingerprint').textContent();
    expect(await dialog().getByTestId('handover-passphrase').count()).toBe(0);
    await dialog().getByTestId('handover-save-key').click();
    await expect.poll(() => dialog().getByTestId('handover-key-saved').textContent()).toBe(`Saved as station-key-${fingerprint}.esstationkey.`);
    await dialog().getByRole('button', { name: 'Cancel' }).click();

    await invoke(page, 'queue.submit', enrollment('carol', 2));
    await page.getByTestId('handover-export').click();
    await expect.poll(() => dialog().getByTestId('handover-count').textContent()).toContain('3 waiting submissions will be written');
    await dialog().getByTestId('handover-seal-station-key').check();
    await dialog().getByTestId('handover-confirm').click();
    expect(await dialog().getByRole('alert').textContent()).toBe("Choose the receiving station's key file first.");
    await dialog().getByTestId('handover-pick-key').click();
    await expect.poll(() => dialog().getByTestId('handover-recipient-fingerprint').textContent()).toBe(fingerprint);
    await dialog().getByTestId('handover-confirm').click();
    await expect
      .poll(() => page.getByTestId('queue-notice').textContent())
      .toMatch(/^3 submissions handed over in handover-.+\.eshandover\. Only the receiving station can open it\.$/);
    await expect.poll(() => page.getByTestId('count-handed_over').textContent()).toBe('Handed over 3');

    // Received on the station it was sealed for: no passphrase.
    await page.getByTestId('handover-import').click();
    await dialog().getByTestId('handover-seal-station-key').check();
    await dialog().getByTestId('handover-confirm').click();
    await expect.poll(() => page.getByTestId('queue-notice').textContent()).toMatch(/: 3 added to the queue, 0 already here\.$/);
    await expect.poll(() => page.getByTestId('count-queued').textContent()).toBe('Queued 3');
  }, 120_000);
});
