import type { Page } from 'playwright-core';
import type { ProviderId } from '../../../shared/providers/ids.js';
import { EMULATOR_SECRETS, type RunningEmulators } from '../../emulators/index.js';
import { invoke } from './station-harness.js';

export const SUPERVISOR = { name: 'Ana', password: 'supervisor-pass' } as const;

/** Waits for an element by test id to show (Playwright's own wait: usable in hooks too, where expect.poll is not). */
export const visible = (page: Page, testId: string, timeout = 15_000): Promise<void> => page.getByTestId(testId).waitFor({ state: 'visible', timeout });

/** The first run, as a supervisor does it: creates the supervisor, who is then signed in on this page. */
export async function createSupervisor(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await visible(page, 'first-run-screen');
  await page.getByLabel("Supervisor's name").fill(SUPERVISOR.name);
  await page.getByLabel('Password', { exact: true }).check();
  await page.getByLabel('New password').fill(SUPERVISOR.password);
  await page.getByLabel('Type the password again').fill(SUPERVISOR.password);
  await page.getByRole('button', { name: 'Create supervisor and sign in' }).click();
  await visible(page, 'current-operator');
}

export const CLERK = { name: 'Budi', pin: '135790' } as const;

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await visible(page, 'sign-in-screen');
}

/** From the sign-in screen. */
export async function signInAs(page: Page, name: string, secret: string): Promise<void> {
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('PIN or password').fill(secret);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await visible(page, 'current-operator');
}

/** The supervisor signed in on the page adds a clerk and signs out; the clerk then signs in. */
export async function signInAsNewClerk(page: Page): Promise<void> {
  await invoke(page, 'operators.create', { name: CLERK.name, role: 'clerk', secret: { kind: 'pin', value: CLERK.pin } });
  await signOut(page);
  await signInAs(page, CLERK.name, CLERK.pin);
}

/** The credentials each emulator takes, by the provider declaration's credential names. */
const CREDENTIALS: Record<ProviderId, Record<string, string>> = {
  'photo-registry': { bearerToken: EMULATOR_SECRETS.photoRegistryBearer },
  'riset-pedulilindungi': { accessToken: EMULATOR_SECRETS.risetAccessToken, facegalleryId: EMULATOR_SECRETS.risetFacegalleryId },
  apptenticate: { username: EMULATOR_SECRETS.apptenticateUsername, password: EMULATOR_SECRETS.apptenticatePassword },
  'glair-ktp': { apiKey: EMULATOR_SECRETS.glairApiKey, username: EMULATOR_SECRETS.glairUsername, password: EMULATOR_SECRETS.glairPassword },
  'cin-auth': {},
};

/** Points the station at one emulator, as a supervisor would in Settings (the supervisor must be signed in on the page). */
export async function configureProvider(page: Page, emulators: RunningEmulators, provider: ProviderId): Promise<void> {
  await invoke(page, 'settings.update', {
    providerId: provider,
    endpoint: emulators.urls[provider],
    verifyEndpoint: provider === 'photo-registry' ? emulators.urls['photo-registry-verification'] : null,
  });
  await invoke(page, 'providers.setCredentials', { provider, values: CREDENTIALS[provider] });
}
