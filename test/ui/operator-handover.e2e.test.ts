import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compliantScene } from '../capture/scenes.js';
import { openEnroll } from './support/enroll-flow.js';
import { invoke, startStationHarness, type StationHarness } from './support/station-harness.js';
import { CLERK, configureProvider, createSupervisor, visible } from './support/station-setup.js';

// Needs `npm run build` first (npm test does it).
let station: StationHarness;

beforeAll(async () => {
  station = await startStationHarness({ screenshotPrefix: 'handover', scene: [compliantScene()] });
  await createSupervisor(station.page, station.host.url);
  await configureProvider(station.page, station.emulators, 'photo-registry');
  await invoke(station.page, 'operators.create', { name: CLERK.name, role: 'clerk', secret: { kind: 'pin', value: CLERK.pin } });
});
afterAll(async () => {
  await station?.close();
});

const dialog = () => station.page.getByTestId('confirm-dialog');

describe("one operator's work never reaches the next", () => {
  it('asks before leaving a half-typed enrollment, and keeps it when the operator stays', async () => {
    const { page } = station;
    await openEnroll(page);
    await page.getByLabel('User ID', { exact: true }).fill('agus.setiawan');
    await page.getByRole('navigation').getByRole('link', { name: 'Queue' }).click();
    await expect.poll(() => dialog().isVisible()).toBe(true);
    expect(await dialog().textContent()).toContain('Keep it as your draft');
    await dialog().getByRole('button', { name: 'Cancel', exact: true }).click();
    expect(await page.getByLabel('User ID', { exact: true }).inputValue()).toBe('agus.setiawan');
    expect(page.url()).toMatch(/#\/enroll$/);
  });

  it('signing out discards it only after confirming, and the next operator starts on an empty first screen', async () => {
    const { page } = station;
    // The supervisor was looking at the queue of another screen's route before: the route goes too.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => dialog().isVisible()).toBe(true);
    await dialog().getByRole('button', { name: 'Discard', exact: true }).click();
    await visible(page, 'sign-in-screen');
    expect(page.url()).toMatch(/#\/enroll$/);
    await page.getByLabel('Your name').fill(CLERK.name);
    await page.getByLabel('PIN or password').fill(CLERK.pin);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await visible(page, 'current-operator');
    await visible(page, 'enroll-identity');
    expect(await page.getByLabel('User ID', { exact: true }).inputValue()).toBe('');
    expect(await page.content()).not.toContain('agus.setiawan');
  });

  it('a signed-out recapture route does not follow into the next session', async () => {
    const { page } = station;
    await page.evaluate(() => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = '#/enroll?recapture=someone-elses-submission';
    });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await visible(page, 'sign-in-screen');
    expect(page.url()).toMatch(/#\/enroll$/);
  });
});
