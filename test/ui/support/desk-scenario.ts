import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { FRONTAL_PERSON } from '../../capture/scenes.js';
import type { RunningEmulators } from '../../emulators/index.js';
import { GLAIR_IDENTITIES } from '../../emulators/seeds.js';
import { enrollThroughWizard, openEnroll, receiptState } from './enroll-flow.js';
import { seeded } from './seeds.js';
import { configureProvider, createSupervisor, signInAsNewClerk, visible } from './station-setup.js';

/** The person in front of the fake camera (test/capture/scenes.ts livePersonClip), known to riset's seeds by NIK and name. */
export const DESK_PERSON = seeded(GLAIR_IDENTITIES, FRONTAL_PERSON);

/**
 * A day at the desk, the same in Chromium (preview host) and in the Electron app: the first run
 * creates the supervisor, who points the station at riset and adds a clerk; the clerk enrolls one
 * person with the fake camera, sees the submission delivered in the queue, and signs out.
 */
export async function runDeskScenario(page: Page, station: { url: string; emulators: RunningEmulators }): Promise<void> {
  await createSupervisor(page, station.url);
  await configureProvider(page, station.emulators, 'riset-pedulilindungi');
  await signInAsNewClerk(page);

  await openEnroll(page);
  const id = await enrollThroughWizard(page, { fields: { NIK: DESK_PERSON.nik, 'Full name': DESK_PERSON.name } });
  await expect.poll(() => receiptState(page), { timeout: 30_000, interval: 250 }).toBe('done');
  expect(station.emulators.acceptedCount('riset-pedulilindungi', DESK_PERSON.nik)).toBe(1);

  await page.getByRole('navigation').getByRole('link', { name: 'Queue' }).click();
  await visible(page, `queue-row-${id}`);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await visible(page, 'sign-in-screen');
}
