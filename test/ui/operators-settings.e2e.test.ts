import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { StationApi } from '../../shared/contract/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_SECRETS, startEmulators, type RunningEmulators } from '../emulators/index.js';
import { launchChromium } from '../support/browser.js';
import { startPreviewHost, type RunningPreviewHost } from '../support/preview-host.js';

// Needs `npm run build` first (npm test does it): the preview host serves dist/.
const SCREENSHOTS = 'test-results/screenshots';
/** The idle lock's minute in this host (a real one in the station), so the warning and the lock come in seconds. */
const IDLE_MINUTE_MS = 20_000;

let browser: Browser;
let host: RunningPreviewHost;
let emulators: RunningEmulators;
let page: Page;

beforeAll(async () => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  [browser, host, emulators] = await Promise.all([
    launchChromium(),
    startPreviewHost({ args: ['--idle-lock-minute-ms', String(IDLE_MINUTE_MS)] }),
    startEmulators(),
  ]);
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
}, 120_000);
afterAll(async () => {
  await Promise.all([browser?.close(), host?.stop(), emulators?.close()]);
});

/** Whole pages for screens; the viewport for dialogs and overlays, which are fixed to it. */
const shot = (name: string, fullPage = true) => page.screenshot({ path: `${SCREENSHOTS}/operators-${name}.png`, fullPage });
const confirmIn = (name: string) => page.getByTestId('confirm-dialog').getByRole('button', { name, exact: true }).click();
const visible = (testId: string) => expect.poll(() => page.getByTestId(testId).isVisible(), { timeout: 15_000 }).toBe(true);

async function signIn(name: string, secret: string, labels = { name: 'Your name', secret: 'PIN or password', submit: 'Sign in' }) {
  await visible('sign-in-screen');
  await page.getByLabel(labels.name).fill(name);
  await page.getByLabel(labels.secret).fill(secret);
  await page.getByRole('button', { name: labels.submit, exact: true }).click();
  await visible('current-operator');
}

async function signOut() {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await visible('sign-in-screen');
}

describe('operators, settings, language and audit in the browser', () => {
  it('first run creates a supervisor, who adds a clerk and changes a setting', async () => {
    await page.goto(host.url);
    await visible('first-run-screen');
    await shot('first-run');
    // Each problem stands at its own field, named by it, and the first wrong field takes the cursor.
    const describedBy = async (label: string) => {
      const ids = (await page.getByLabel(label, { exact: true }).getAttribute('aria-describedby')) ?? '';
      return Promise.all(ids.split(' ').map((id) => page.locator(`[id="${id}"]`).textContent()));
    };
    await page.getByLabel('Password', { exact: true }).check();
    await page.getByLabel('New password').fill('supervisor-pass');
    await page.getByLabel('Type the password again').fill('supervisor-typo');
    await page.getByRole('button', { name: 'Create supervisor and sign in' }).click();
    await expect.poll(() => describedBy("Supervisor's name")).toEqual(["Enter the supervisor's name."]);
    expect(await describedBy('Type the password again')).toEqual(['The two entries are not the same.']);
    expect(await page.getByLabel("Supervisor's name").getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('New password').getAttribute('aria-invalid')).toBe('false');
    expect(
      await page
        .getByLabel("Supervisor's name")
        .evaluate((input) => input === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement),
    ).toBe(true);
    await page.getByLabel("Supervisor's name").fill('Ana');
    await page.getByLabel('New password').fill('short');
    await page.getByLabel('Type the password again').fill('short');
    await page.getByRole('button', { name: 'Create supervisor and sign in' }).click();
    await expect.poll(() => page.getByRole('alert').allTextContents()).toEqual(['At least 8 characters.']);
    expect((await describedBy('New password')).at(-1)).toBe('At least 8 characters.');
    await page.getByLabel('New password').fill('supervisor-pass');
    await page.getByLabel('Type the password again').fill('supervisor-pass');
    await page.getByRole('button', { name: 'Create supervisor and sign in' }).click();
    await visible('current-operator');
    expect(await page.getByTestId('current-operator').textContent()).toBe('Ana (Supervisor)');
    // No provider yet: the supervisor is led to Settings from the Enroll screen.
    await visible('enroll-needs-provider');
    expect(await page.getByTestId('enroll-settings-link').getAttribute('href')).toBe('#/settings');
    expect(await page.getByRole('navigation').getByRole('link').allTextContents()).toEqual(['Enroll', 'Queue', 'Verify', 'Settings', 'Operators', 'Audit log']);

    await page.getByRole('link', { name: 'Operators' }).click();
    await visible('new-operator-form');
    const form = page.getByTestId('new-operator-form');
    await form.getByLabel('Name').fill('Budi');
    await form.getByLabel('Clerk').check();
    await form.getByLabel('New PIN').fill('135790');
    await form.getByLabel('Type the PIN again').fill('135790');
    await form.getByRole('button', { name: 'Add operator' }).click();
    await visible('operator-row-Budi');
    expect(await page.getByTestId('operator-row-Budi').textContent()).toContain('Clerk');
    await shot('operators');

    await page.getByRole('link', { name: 'Settings' }).click();
    await visible('settings-screen');
    // The capture thresholds are folded, with their own Save inside: the form's Save follows the station's sections.
    expect(await page.getByTestId('threshold-details').getAttribute('open')).toBeNull();
    expect(await page.getByTestId('settings-save-thresholds').isVisible()).toBe(false);
    await page.getByTestId('threshold-details').locator('summary').click();
    expect(await page.getByTestId('settings-save-thresholds').isVisible()).toBe(true);
    await page.getByTestId('threshold-details').locator('summary').click();
    await shot('settings');
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Nothing has changed, so there is nothing to save.');
    expect(await page.getByTestId('confirm-dialog').count()).toBe(0);
    await page.getByLabel('Keep delivered enrollments for (days)').fill('400');
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.getByText('Enter a whole number from 0 to 365.').isVisible()).toBe(true);
    await page.getByLabel('Keep delivered enrollments for (days)').fill('45');
    await page.getByLabel('Provider').selectOption('photo-registry');
    await page.getByLabel('Endpoint').fill('not an address');
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.getByText('Enter a full web address starting with https:// or http://, or leave it empty.').isVisible()).toBe(true);
    await shot('settings-invalid');
    await page.getByLabel('Endpoint').fill(`${emulators.urls['photo-registry']}/`);
    // photo-registry verifies at its own address, so the form asks for it.
    await page.getByLabel('Verification address').fill(emulators.urls['photo-registry-verification']);
    await page.getByTestId('settings-save').click();
    await visible('confirm-dialog');
    await shot('settings-confirm', false);
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Settings saved.');
    await expect.poll(() => page.getByTestId('status-provider').textContent()).toBe('Provider: Photo Registry');
  });

  it('keeps credentials without ever showing them back, and tests the connection with them', async () => {
    const state = page.getByTestId('credential-state-bearerToken');
    const result = page.getByTestId('connection-result');
    expect(await state.textContent()).toBe('Not set');
    await page.getByTestId('test-connection').click();
    await expect
      .poll(() => result.textContent())
      .toBe('Nothing to test yet: choose the service, enter its address and credentials, and save.Not entered yet: Bearer secret.');

    await page.getByLabel('Bearer secret').fill('a-wrong-secret');
    expect(await page.getByLabel('Bearer secret').getAttribute('type')).toBe('password');
    await page.getByTestId('credentials-save').click();
    await visible('confirm-dialog');
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => state.textContent()).toBe('Saved');
    expect(await page.getByLabel('Bearer secret').inputValue()).toBe('');
    await page.getByTestId('test-connection').click();
    await expect
      .poll(() => page.getByTestId('connection-result').locator('.connection-verdict').textContent())
      .toBe('Photo Registry answered but refused the credentials. Check them and save them again.');

    await page.getByLabel('Bearer secret').fill(EMULATOR_SECRETS.photoRegistryBearer);
    await page.getByTestId('credentials-save').click();
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('credentials-form').getByRole('status').textContent()).toBe('Credentials saved.');
    await page.getByTestId('test-connection').click();
    await expect.poll(() => result.locator('.connection-verdict').textContent()).toMatch(/^Photo Registry answered and accepted the credentials \(\d+ ms\)\.$/);
    await shot('settings-connection');

    // Choosing another provider clears the result and shows that provider's own (empty) address;
    // choosing the saved one again brings its address back. Nothing is saved.
    const endpoint = page.getByLabel('Endpoint');
    const savedEndpoint = await endpoint.inputValue();
    await page.getByLabel('Provider').selectOption('glair-ktp');
    await expect.poll(() => result.textContent()).toBe('');
    expect(await endpoint.inputValue()).toBe('');
    await page.getByLabel('Provider').selectOption('photo-registry');
    expect(await endpoint.inputValue()).toBe(savedEndpoint);

    // Back on the screen later: the field says it is set, and the value is nowhere in the page.
    await page.getByRole('link', { name: 'Audit log' }).click();
    await visible('audit-screen');
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect.poll(() => state.textContent()).toBe('Saved');
    expect(await page.getByLabel('Bearer secret').inputValue()).toBe('');
    expect(await page.content()).not.toContain(EMULATOR_SECRETS.photoRegistryBearer);
    // Nor anywhere on disk in clear: not in the database (audit included), the logs or the sealed file.
    const files = fs.readdirSync(host.dataDir, { recursive: true, encoding: 'utf8' }).map((name) => path.join(host.dataDir, name));
    expect(files.some((file) => file.endsWith('.log'))).toBe(true);
    for (const file of files.filter((name) => fs.statSync(name).isFile())) {
      expect(fs.readFileSync(file).includes(EMULATOR_SECRETS.photoRegistryBearer), file).toBe(false);
    }
    expect(await page.getByLabel('Endpoint').inputValue()).toBe(emulators.urls['photo-registry']);

    // Removing the credential, after confirming, leaves nothing to test with.
    await page.getByRole('button', { name: 'Remove Bearer secret' }).click();
    await visible('confirm-dialog');
    await confirmIn('Remove');
    await expect.poll(() => state.textContent()).toBe('Not set');
    await page.getByTestId('test-connection').click();
    await expect
      .poll(() => result.locator('.connection-verdict').textContent())
      .toBe('Nothing to test yet: choose the service, enter its address and credentials, and save.');
  });

  it('resets a CIN server only after the supervisor types the confirmation word', async () => {
    await page.getByLabel('Provider').selectOption('cin-auth');
    await page.getByLabel('Endpoint').fill(emulators.urls['cin-auth']);
    await expect.poll(() => page.getByTestId('credentials-none').textContent()).toBe('CIN Auth needs no credentials.');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('status-provider').textContent()).toBe('Provider: CIN Auth');

    const resets = () => emulators.requestLog('cin-auth').filter((entry) => entry.route === '/api/reset').length;
    await page.getByRole('button', { name: 'Reset CIN server' }).click();
    const dialog = page.getByTestId('confirm-dialog');
    const confirm = dialog.getByRole('button', { name: 'Delete every user' });
    await dialog.getByLabel('Type RESET to confirm').fill('reset');
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel('Type RESET to confirm').fill('RESET');
    await shot('settings-cin-reset', false);
    await confirm.click();
    await expect.poll(() => page.getByTestId('cin-reset-result').textContent()).toBe('The CIN server deleted every user.');
    expect(resets()).toBe(1);
  });

  it('a clerk signs in and cannot open the settings', async () => {
    await signOut();
    await page.getByLabel('Your name').fill('budi');
    await page.getByLabel('PIN or password').fill('000000');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => page.getByTestId('sign-in-error').textContent()).toBe('The name or the PIN/password is not right.');
    await shot('sign-in');

    await signIn('budi', '135790');
    expect(await page.getByTestId('current-operator').textContent()).toBe('Budi (Clerk)');
    expect(await page.getByRole('navigation').getByRole('link').allTextContents()).toEqual(['Enroll', 'Queue', 'Verify']);
    // Following a link to the settings (a reload would start a new, signed-out connection).
    await page.evaluate("window.location.hash = '#/settings'");
    await visible('supervisor-only');
    expect(await page.getByTestId('supervisor-only').textContent()).toContain('Only a supervisor can open this screen.');
    expect(await page.getByTestId('settings-screen').count()).toBe(0);
    // Main refuses the calls too, whatever the page shows.
    const refused = await page.evaluate(async () => {
      const station = (globalThis as unknown as { station: StationApi }).station;
      const results = await Promise.all([
        station.invoke['providers.credentialStatus']({ provider: 'photo-registry' }),
        station.invoke['providers.setCredentials']({ provider: 'photo-registry', values: { bearerToken: 'x' } }),
        station.invoke['providers.testConnection'](),
        station.invoke['settings.update']({ retentionDays: 3 }),
      ]);
      return results.map((result) => (result.ok ? 'ok' : result.error.code));
    });
    expect(refused).toEqual(['supervisor_only', 'supervisor_only', 'supervisor_only', 'supervisor_only']);
    await shot('clerk-settings-refused');
  });

  it('switching language changes the text at once and is kept in the settings', async () => {
    await page.getByTestId('language-switcher').selectOption('fr');
    await expect.poll(() => page.getByRole('navigation').getByRole('link').allTextContents()).toEqual(['Enrôler', "File d'attente", 'Vérifier']);
    expect(await page.getByTestId('supervisor-only').textContent()).toContain('Seul un superviseur peut ouvrir cet écran.');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.getByTestId('current-operator').textContent()).toBe('Budi (Agent)');
    await shot('language-fr');

    // A new page (and a new connection) starts signed out, in the saved language.
    await page.reload();
    await visible('sign-in-screen');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Connexion');
    await page.getByTestId('language-switcher').selectOption('id');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Masuk');
    await shot('sign-in-id');
    await page.getByTestId('language-switcher').selectOption('en');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in');
  });

  it('the audit screen shows an intact chain of what happened', async () => {
    await signIn('Ana', 'supervisor-pass');
    await page.getByRole('link', { name: 'Audit log' }).click();
    await visible('audit-screen');
    await expect.poll(() => page.getByTestId('audit-chain').textContent()).toMatch(/^Chain intact: \d+ entries checked, none changed or missing\./);
    const actions = await page.locator('[data-testid="audit-table"] tbody tr td:nth-child(3)').allTextContents();
    for (const action of [
      'Station set up',
      'Operator added',
      'Settings changed',
      'Provider credentials changed',
      'CIN server reset',
      'Sign-in failed',
      'Signed in',
      'Signed out',
    ]) {
      expect(actions).toContain(action);
    }
    await shot('audit');
  });

  it('locks an idle station from main, warning first, and the same operator unlocks it', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await visible('settings-screen');
    // The top bar's language switch reaches the open form, so saving it later writes no stale language back.
    await page.getByTestId('language-switcher').selectOption('es');
    await expect.poll(() => page.getByLabel('Idioma de la estación').inputValue()).toBe('es');
    await page.getByTestId('language-switcher').selectOption('en');
    await expect.poll(() => page.getByLabel('Station language').inputValue()).toBe('en');
    await page.getByLabel('Lock after this many idle minutes').fill('1');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('Settings saved.');
    // A fresh sign-in starts the idle time now (activity before it reached main up to 30 s late).
    await signOut();
    await signIn('Ana', 'supervisor-pass');
    await page.getByRole('link', { name: 'Audit log' }).click();
    await visible('audit-screen');

    // One idle minute: the warning comes at half of it, then the lock. Nothing touches the page meanwhile.
    await expect.poll(() => page.getByTestId('idle-warning').isVisible(), { timeout: IDLE_MINUTE_MS, interval: 500 }).toBe(true);
    await shot('idle-warning', false);
    await expect.poll(() => page.getByTestId('lock-screen').isVisible(), { timeout: IDLE_MINUTE_MS, interval: 500 }).toBe(true);
    expect(await page.getByTestId('lock-screen').textContent()).toContain('Ana, enter your password');
    await shot('lock', false);

    await page.getByTestId('lock-screen').getByLabel('Password').fill('supervisor-pass');
    await page.getByRole('button', { name: 'Unlock' }).click();
    // The secret is checked at scrypt 2^17 (about half a second on this machine, more when it is loaded).
    await expect.poll(() => page.getByTestId('lock-screen').count(), { timeout: 15_000 }).toBe(0);
    // The screen underneath is the one the supervisor left.
    await visible('audit-screen');
  });

  it("a supervisor changes an operator's role, disables and enables them, and gives them a new PIN, each confirmed first", async () => {
    await page.getByRole('link', { name: 'Operators' }).click();
    await visible('new-operator-form');
    const form = page.getByTestId('new-operator-form');
    await form.getByLabel('Name').fill('Citra');
    await form.getByLabel('Clerk').check();
    await form.getByLabel('New PIN').fill('246801');
    await form.getByLabel('Type the PIN again').fill('246801');
    await form.getByRole('button', { name: 'Add operator' }).click();
    await visible('operator-row-Citra');
    const row = page.getByTestId('operator-row-Citra');
    const cells = () => row.locator('td').allTextContents();
    const notice = () => page.getByTestId('operators-screen').getByRole('status').first().textContent();
    expect(await notice()).toBe('Citra was added.');
    expect((await cells()).slice(0, 3)).toEqual(['Clerk', 'PIN', 'Active']);

    // Cancelled: nothing changes.
    await row.getByRole('button', { name: 'Make supervisor' }).click();
    expect(await page.getByTestId('confirm-dialog').textContent()).toContain('Citra will become Supervisor.');
    await confirmIn('Cancel');
    expect(await page.getByTestId('confirm-dialog').count()).toBe(0);
    expect((await cells())[0]).toBe('Clerk');

    await row.getByRole('button', { name: 'Make supervisor' }).click();
    await confirmIn('Yes, change');
    await expect.poll(() => cells().then((texts) => texts[0])).toBe('Supervisor');
    expect(await notice()).toBe('Citra was changed.');

    await row.getByRole('button', { name: 'Disable' }).click();
    expect(await page.getByTestId('confirm-dialog').textContent()).toContain('Citra will no longer be able to sign in.');
    await confirmIn('Yes, change');
    await expect.poll(() => cells().then((texts) => texts[2])).toBe('Disabled');
    await row.getByRole('button', { name: 'Enable' }).click();
    expect(await page.getByTestId('confirm-dialog').textContent()).toContain('Citra will be able to sign in again.');
    await confirmIn('Yes, change');
    await expect.poll(() => cells().then((texts) => texts[2])).toBe('Active');

    await row.getByRole('button', { name: 'New PIN or password' }).click();
    const dialog = page.getByTestId('confirm-dialog');
    expect(await dialog.textContent()).toContain('New PIN or password for Citra');
    await dialog.getByLabel('New PIN').fill('975310');
    await dialog.getByLabel('Type the PIN again').fill('975311');
    await confirmIn('Save');
    await expect.poll(() => dialog.textContent()).toContain('The two entries are not the same.');
    await dialog.getByLabel('Type the PIN again').fill('975310');
    await confirmIn('Save');
    await expect.poll(() => page.getByTestId('confirm-dialog').count()).toBe(0);
    expect(await notice()).toBe('Citra has a new PIN or password.');

    // The new PIN is hers now, and she signs in as the supervisor she was made.
    await signOut();
    await signIn('Citra', '975310');
    expect(await page.getByTestId('current-operator').textContent()).toBe('Citra (Supervisor)');
  });
});
