import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { livePersonClip } from '../capture/scenes.js';
import { enrollUpToReview, openEnroll, SUBMIT_TIMEOUT_MS } from './support/enroll-flow.js';
import { invoke, startStationHarness, type StationHarness } from './support/station-harness.js';
import { CLERK, configureProvider, createSupervisor, SUPERVISOR, visible } from './support/station-setup.js';

// Needs `npm run build` first (npm test does it).
let station: StationHarness;
const USER_ID = 'dewi.lestari';

beforeAll(async () => {
  station = await startStationHarness({ screenshotPrefix: 'drafts', scene: livePersonClip() });
  await createSupervisor(station.page, station.host.url);
  await configureProvider(station.page, station.emulators, 'photo-registry');
  await invoke(station.page, 'operators.create', { name: CLERK.name, role: 'clerk', secret: { kind: 'pin', value: CLERK.pin } });
  await station.page.getByRole('button', { name: 'Sign out' }).click();
  await visible(station.page, 'sign-in-screen');
});
afterAll(async () => {
  await station?.close();
});

async function signIn(name: string, secret: string): Promise<void> {
  const { page } = station;
  await visible(page, 'sign-in-screen');
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('PIN or password').fill(secret);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await visible(page, 'current-operator');
}

const faceCount = () => station.page.getByTestId('review-face').count();

describe('an enrollment in progress survives a reload, for its operator only', () => {
  it('comes back after a reload and a new sign-in with the fields, the consent and the photos', async () => {
    const { page } = station;
    await signIn(CLERK.name, CLERK.pin);
    await openEnroll(page);
    await enrollUpToReview(page, { fields: { 'User ID': USER_ID } });
    const photos = await faceCount();
    expect(photos).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('draft-status').getAttribute('data-state')).toBe('saved');

    await page.reload();
    await signIn(CLERK.name, CLERK.pin);
    await visible(page, 'draft-offer');
    await station.shot('offer');
    await page.getByTestId('draft-resume').click();
    await visible(page, 'enroll-review');
    expect(await page.getByTestId('review-field-userId').textContent()).toBe(USER_ID);
    expect(await faceCount()).toBe(photos);
    // The photos are the captured JPEGs again, not broken images.
    await expect
      .poll(() =>
        page
          .getByTestId('review-face')
          .first()
          .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
      )
      .toBeGreaterThan(0);
  });

  it('is kept, not shown, when its operator signs out; another operator starts empty', async () => {
    const { page } = station;
    await page.getByRole('button', { name: 'Sign out' }).click();
    const dialog = page.getByTestId('confirm-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Keep as draft', exact: true }).click();
    await signIn(SUPERVISOR.name, SUPERVISOR.password);
    await visible(page, 'enroll-identity');
    expect(await page.getByTestId('draft-offer').count()).toBe(0);
    expect(await page.getByLabel('User ID', { exact: true }).inputValue()).toBe('');
    expect(await invoke(page, 'drafts.load')).toBeNull();
    expect(await page.content()).not.toContain(USER_ID);
  });

  it('is sent from where it stopped, and then is gone', async () => {
    const { page } = station;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(CLERK.name, CLERK.pin);
    await page.getByTestId('draft-resume').click();
    await page.getByTestId('enroll-submit').click();
    await visible(page, 'enroll-receipt', SUBMIT_TIMEOUT_MS);
    expect(await invoke(page, 'drafts.load')).toBeNull();
  });
});
