import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { livePersonClip } from '../capture/scenes.js';
import { enrollThroughWizard, enrollUpToReview, openEnroll, SUBMIT_TIMEOUT_MS } from './support/enroll-flow.js';
import { invoke, startStationHarness, type StationHarness } from './support/station-harness.js';
import { configureProvider, createSupervisor, signInAsNewClerk, visible } from './support/station-setup.js';

// Needs `npm run build` first (npm test does it): the preview host serves dist/.
// One person stands in front of the fake camera throughout, and is enrolled under three NIKs.
let station: StationHarness;

beforeAll(async () => {
  station = await startStationHarness({ screenshotPrefix: 'duplicate-face', scene: livePersonClip() });
  await createSupervisor(station.page, station.host.url);
  await configureProvider(station.page, station.emulators, 'riset-pedulilindungi');
  // Faces are kept as long as the photos: a week here, so a delivered enrollment is still compared.
  await invoke(station.page, 'settings.update', { retentionDays: 7 });
});
afterAll(async () => {
  await station?.close();
});

const NIKS = ['3273012807850101', '3273012807850102', '3273012807850103'] as const;
const references: string[] = [];

describe('a face enrolled twice, at the desk', () => {
  it('warns a supervisor with the earlier enrollment, who enrolls anyway with a reason, audited', async () => {
    const { page } = station;
    await openEnroll(page);
    const firstId = await enrollThroughWizard(page, { fields: { NIK: NIKS[0], 'Full name': 'Siti Rahma' } });
    references.push((await invoke(page, 'queue.get', { id: firstId })).shortReference);
    await page.getByRole('button', { name: 'Enroll next person' }).click();

    await enrollUpToReview(page, { fields: { NIK: NIKS[1], 'Full name': 'Siti Rahmawati' } });
    await visible(page, 'duplicate-face-warning');
    expect(await page.getByTestId('duplicate-face-match').allTextContents()).toEqual([expect.stringContaining(`reference ${references[0]}`)]);
    const submit = page.getByTestId('enroll-submit');
    expect(await submit.textContent()).toBe('Enroll anyway');
    expect(await submit.isDisabled()).toBe(true);
    await page.getByTestId('duplicate-face-reason').fill('Twins; both KTP cards checked');
    await station.shot('supervisor-review');
    expect(await submit.isEnabled()).toBe(true);
    await submit.click();
    await visible(page, 'enroll-receipt', SUBMIT_TIMEOUT_MS);
    const secondId = (await page.getByTestId('receipt-reference').getAttribute('data-id')) ?? '';
    references.push((await invoke(page, 'queue.get', { id: secondId })).shortReference);

    const audit = await invoke(page, 'audit.list', { action: 'queue.submit' });
    expect(audit.entries.find((entry) => entry.subject === secondId)?.detail).toMatchObject({
      duplicateOf: references[0],
      duplicateReason: 'Twins; both KTP cards checked',
    });
  });

  it('stops a clerk, who is told to ask a supervisor', async () => {
    const { page } = station;
    await signInAsNewClerk(page);
    await openEnroll(page);
    await enrollUpToReview(page, { fields: { NIK: NIKS[2], 'Full name': 'Siti R' } });
    await visible(page, 'duplicate-face-warning');
    const matches = await page.getByTestId('duplicate-face-match').allTextContents();
    expect(matches.map((text) => references.find((reference) => text.includes(`reference ${reference}`))).sort()).toEqual([...references].sort());
    expect(await page.getByTestId('duplicate-face-warning').getByRole('status').textContent()).toBe(
      'Ask a supervisor: only a supervisor can enroll this person now.',
    );
    expect(await page.getByTestId('duplicate-face-reason').count()).toBe(0);
    expect(await page.getByTestId('enroll-submit').isDisabled()).toBe(true);
    await station.shot('clerk-review');
  });
});
