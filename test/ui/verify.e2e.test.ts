import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { FRONTAL_PERSON, livePersonClip } from '../capture/scenes.js';
import type { GlairIdentity } from '../emulators/index.js';
import { GLAIR_IDENTITIES } from '../emulators/seeds.js';
import { encodeJpeg, samplePerson } from '../fixtures/faces.js';
import { identityDeletedAtRest } from './support/deleted-at-rest.js';
import { CAPTURE_TIMEOUT_MS } from './support/enroll-flow.js';
import { qrScene } from './support/qr-code.js';
import { seeded } from './support/seeds.js';
import { invoke, startStationHarness, type StationHarness } from './support/station-harness.js';
import { configureProvider, createSupervisor, visible } from './support/station-setup.js';

// Needs `npm run build` first (npm test does it): the preview host serves dist/.
// The person in front of the fake camera is the one Dukcapil holds for `present`; `someoneElse`'s
// registry photo is another sample person.
const present = seeded(GLAIR_IDENTITIES, FRONTAL_PERSON);
const someoneElse = seeded(GLAIR_IDENTITIES, 1);

let station: StationHarness;

beforeAll(async () => {
  station = await startStationHarness({
    screenshotPrefix: 'verify',
    scene: livePersonClip(),
    // At riset, PeduliLindungi has the person at red: not vaccinated, no entry.
    emulators: { risetUserStatuses: { [present.nik]: 'red' } },
  });
  await createSupervisor(station.page, station.host.url);
  await configureProvider(station.page, station.emulators, 'glair-ktp');
  await station.page.getByRole('navigation').getByRole('link', { name: 'Verify' }).click();
  await visible(station.page, 'verify-details');
});
afterAll(async () => {
  await station?.close();
});

const verdict = (page: Page): Promise<string | null> => page.getByTestId('verify-result').getAttribute('data-verdict');

/** Types the KTP fields, ticks the consent and lets the live capture run; resolves once the answer is on screen. */
async function verify(page: Page, identity: GlairIdentity, shoot: boolean): Promise<void> {
  await visible(page, 'verify-details');
  await page.getByLabel('NIK', { exact: true }).fill(identity.nik);
  await page.getByLabel('Full name', { exact: true }).fill(identity.name);
  await page.getByLabel('Date of birth', { exact: true }).fill(identity.dateOfBirth);
  await page.getByTestId('verify-details').getByRole('checkbox').check();
  if (shoot) await station.shot('details');
  await page.getByLabel('Date of birth', { exact: true }).press('Enter');
  await visible(page, 'face-guidance');
  if (shoot) await station.shot('face');
  // The capture finishes by itself; main then waits for the provider's answer.
  await visible(page, 'verify-result', CAPTURE_TIMEOUT_MS + 25_000);
}

describe('verifying a person at the desk', () => {
  it('says "Match" for the registered person in front of the camera', async () => {
    const { page, emulators } = station;
    await verify(page, present, true);
    expect(await verdict(page)).toBe('match');
    expect(await page.getByTestId('verify-result').locator('.verdict').textContent()).toBe('Match');
    await station.shot('match');
    expect(emulators.acceptedCount('glair-ktp', present.nik)).toBe(1);
  });

  it('says "No match" when the ID belongs to someone else', async () => {
    const { page, emulators } = station;
    await page.getByRole('button', { name: 'Verify next person' }).click();
    await verify(page, someoneElse, false);
    expect(await verdict(page)).toBe('no_match');
    expect(await page.getByTestId('verify-result').locator('.verdict').textContent()).toBe('No match');
    await station.shot('no-match');
    expect(emulators.acceptedCount('glair-ktp', someoneElse.nik)).toBe(1);
    // Not only "next person": a new photo first, or the ID details again.
    const result = page.getByTestId('verify-result');
    expect(await result.getByRole('button').allTextContents()).toEqual(['Take the photo again', 'Check the ID details', 'Verify next person']);
    expect(await page.getByTestId('verify-capture-again').getAttribute('class')).toBe('primary');
    // Its verdict, not a green "Done", in the queue list.
    const id = (await page.getByTestId('verify-queue-id').getAttribute('data-id')) ?? '';
    const listed = await invoke(page, 'queue.list', { search: id, limit: 1, offset: 0 });
    expect(listed.items[0]?.outcome?.verdict).toBe('no_match');
  });

  it('switches the language at once, the answer on screen included', async () => {
    const { page } = station;
    await page.getByTestId('language-switcher').selectOption('fr');
    await expect.poll(() => page.getByTestId('verify-result').locator('.verdict').textContent()).toBe('Aucune correspondance');
    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toBe('Vérifier une personne');
    await station.shot('no-match-fr');
    await page.getByTestId('language-switcher').selectOption('id');
    await expect.poll(() => page.getByTestId('verify-result').locator('.verdict').textContent()).toBe('Tidak cocok');
    await page.getByTestId('language-switcher').selectOption('en');
    await expect.poll(() => page.getByTestId('verify-result').locator('.verdict').textContent()).toBe('No match');
  });

  it('says "Still in the queue" while the provider is down, and shows the answer when it comes', async () => {
    const { page, emulators } = station;
    await emulators.stop('glair-ktp');
    await page.getByRole('button', { name: 'Verify next person' }).click();
    await verify(page, present, false);
    expect(await verdict(page)).toBe('waiting');
    await station.shot('waiting');

    await emulators.start('glair-ktp');
    // The clerk (or the Queue screen's "retry now") need not wait for the backoff.
    await invoke(page, 'queue.retry', { id: (await page.getByTestId('verify-queue-id').getAttribute('data-id')) ?? '' });
    await expect.poll(() => verdict(page), { timeout: 20_000, interval: 250 }).toBe('match');
    expect(emulators.acceptedCount('glair-ktp', present.nik)).toBe(2);
  });

  it('riset check-in: scans the venue QR code, takes the location, then the face', async () => {
    const { page, emulators, camera } = station;
    await page.getByRole('button', { name: 'Verify next person' }).click();
    await configureProvider(page, emulators, 'riset-pedulilindungi');
    // The person was enrolled earlier (the wizard's part, tested in enroll-providers.e2e.test.ts).
    const enrolled = await invoke(page, 'queue.submit', {
      operation: 'enroll',
      fields: { nik: present.nik, name: present.name },
      consent: { given: true, at: new Date().toISOString() },
      assets: [{ kind: 'face', mime: 'image/jpeg', bytes: new Uint8Array(encodeJpeg(samplePerson(FRONTAL_PERSON))) }],
      capture: { photos: [], liveness: { real: null, live: null, blinkSeen: false, headTurn: null }, idPhotoSimilarity: null },
      checkIn: null,
      replaces: null,
    });
    await expect.poll(async () => (await invoke(page, 'queue.get', { id: enrolled.id })).state, { timeout: 20_000 }).toBe('done');
    await page.context().grantPermissions(['geolocation'], { origin: station.host.origin });
    await page.context().setGeolocation({ latitude: -6.2, longitude: 106.816666 });

    await visible(page, 'verify-details');
    expect(await page.getByTestId('verify-details').getByRole('textbox').count()).toBe(1);
    // riset's own example NIK has 13 digits: warned at the field, not refused; Next waits for the supervisor's word.
    await page.getByTestId('verify-details').getByRole('checkbox').check();
    await page.getByLabel('NIK', { exact: true }).fill('3273022807762');
    await page.getByLabel('NIK', { exact: true }).press('Enter');
    expect(await page.getByTestId('warning-nik').textContent()).toBe('A NIK on a KTP card has 16 digits. Check the card.');
    expect(await page.getByTestId('field-warnings').getByRole('checkbox').isChecked()).toBe(false);
    await visible(page, 'verify-details');
    await page.getByLabel('NIK', { exact: true }).fill(present.nik);
    await expect.poll(() => page.getByTestId('field-warnings').count()).toBe(0);
    camera.show(qrScene('checkin:venue-17'));
    await page.getByLabel('NIK', { exact: true }).press('Enter');
    await visible(page, 'qr-scanner');
    await expect.poll(() => page.getByTestId('check-in-qr').textContent(), { timeout: 20_000 }).toBe('QR code read: checkin:venue-17');
    // The scanner has let go of the camera: the person steps in front of it for the face.
    camera.show(...livePersonClip());
    await page.getByTestId('location-locate').click();
    await expect.poll(() => page.getByTestId('location-check').getAttribute('data-status')).toBe('found');
    await station.shot('check-in-ready');
    await page.getByTestId('verify-check-in').getByRole('button', { name: 'Next' }).click();
    await visible(page, 'verify-result', CAPTURE_TIMEOUT_MS + 25_000);
    expect(await verdict(page)).toBe('match');
    // A match of the face does not let the person in: PeduliLindungi's red says no, in words and colour.
    const checkInResult = page.getByTestId('check-in-result');
    expect(await checkInResult.getAttribute('data-entry')).toBe('forbidden');
    expect(await checkInResult.getByRole('alert').textContent()).toBe('Status red: the person may NOT enter.');
    expect(await checkInResult.getByText('No mask seen').count()).toBe(1);
    await station.shot('check-in-match');
    // A second after delivery, retention (0 days here) deletes the identity and the check-in result
    // at rest, and main sends the submission again without them: the clerk at the door still reads
    // the answer until the next person.
    await identityDeletedAtRest(page, await page.getByTestId('verify-queue-id').getAttribute('data-id'));
    expect(await checkInResult.getAttribute('data-entry')).toBe('forbidden');
    expect(await checkInResult.getByRole('alert').textContent()).toBe('Status red: the person may NOT enter.');

    const checkIns = emulators.requestLog('riset-pedulilindungi').filter((entry) => entry.route === '/pedulilindungi/verify-checkin-checkout');
    expect(checkIns.map((entry) => [entry.userId, entry.status, entry.accepted])).toEqual([[present.nik, 200, true]]);
  });
});
