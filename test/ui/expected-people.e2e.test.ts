import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRONTAL_PERSON } from '../capture/scenes.js';
import { enrollThroughWizard, openEnroll } from './support/enroll-flow.js';
import { idCardScene } from './support/id-card-scene.js';
import { startStationHarness, type StationHarness } from './support/station-harness.js';
import { configureProvider, createSupervisor, signInAsNewClerk, visible } from './support/station-setup.js';

// Needs `npm run build` first (npm test does it): the preview host serves dist/.
let station: StationHarness;

beforeAll(async () => {
  station = await startStationHarness({ screenshotPrefix: 'expected', scene: [idCardScene(FRONTAL_PERSON)] });
  await createSupervisor(station.page, station.host.url);
  await configureProvider(station.page, station.emulators, 'cin-auth');
}, 180_000);
afterAll(async () => {
  await station?.close();
});

// cin-auth enrolls under one field, the user ID.
const CSV = ['userId', 'agus.setiawan', '', `x${'y'.repeat(100)}`, 'dewi.lestari,extra', 'siti.rahayu', 'agus.setiawan'].join('\n');

describe('expected people', () => {
  it('a supervisor imports a CSV in Settings and reads which lines were refused and why', async () => {
    const { page } = station;
    await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
    await visible(page, 'expected-people-panel');
    await page.getByTestId('expected-people-file').setInputFiles({ name: 'expected.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await visible(page, 'expected-people-report');
    expect(await page.getByTestId('expected-people-report').getByRole('status').textContent()).toBe('Imported: 2. Not imported: 3. Now on the list: 2.');
    // The empty line 3 is no row at all; line 4 is too long, line 5 has a column too many, line 7 repeats line 2.
    expect(await page.getByTestId('rejected-line-4').textContent()).toBe('4User ID: At most 100 characters.');
    expect(await page.getByTestId('rejected-line-5').textContent()).toBe('5This row does not have one value for each column.');
    expect(await page.getByTestId('rejected-line-7').textContent()).toBe('7The same person is on an earlier line of the file.');
    expect(await page.getByTestId('expected-people-summary').textContent()).toBe('On the list: 2 people, 0 of them enrolled.');
    await station.shot('import-report');
  });

  it('a clerk finds a person by ID on the identity step, takes their details into the form, and they show as enrolled afterwards', async () => {
    const { page } = station;
    await signInAsNewClerk(page);
    await openEnroll(page);
    await visible(page, 'expected-people-search');
    await page.getByLabel('Find an expected person (name or ID number)').fill('SITI');
    await expect.poll(() => page.getByTestId('expected-person').count()).toBe(1);
    await page.getByTestId('expected-person').getByRole('button', { name: 'Use these details' }).click();
    await expect.poll(() => page.getByLabel('User ID', { exact: true }).inputValue()).toBe('siti.rahayu');
    await station.shot('prefilled');

    await enrollThroughWizard(page, { fields: {} });
    const reference = (await page.getByTestId('receipt-reference').textContent()) ?? '';
    expect(await page.getByTestId('expected-mark-error').count()).toBe(0);

    await page.getByRole('button', { name: 'Enroll next person' }).click();
    await visible(page, 'expected-people-search');
    await page.getByLabel('Find an expected person (name or ID number)').fill('rahayu');
    await expect.poll(() => page.getByTestId('expected-person-enrolled').textContent()).toContain(`Enrolled (${reference},`);
    expect(await page.getByTestId('expected-person').getAttribute('data-enrolled')).toBe('true');
    // Agus is still expected.
    await page.getByLabel('Find an expected person (name or ID number)').fill('agus');
    await expect.poll(() => page.getByTestId('expected-person').getAttribute('data-enrolled')).toBe('false');
    await station.shot('enrolled-in-search');
  });
});
