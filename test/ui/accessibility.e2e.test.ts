import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { SubmissionSummary } from '../../shared/contract/queue.js';
import { DEFAULT_CAPTURE_THRESHOLDS, IDLE_LOCK_MINUTES_RANGE, LANGUAGES, type Language } from '../../shared/settings.js';
import { FRONTAL_PERSON, livePersonClip, noFaceScene } from '../capture/scenes.js';
import { GLAIR_IDENTITIES } from '../emulators/seeds.js';
import { encodeJpeg, noFace } from '../fixtures/faces.js';
import { expectAccessible, seriousViolations } from './support/a11y.js';
import { CAPTURE_TIMEOUT_MS, enrollThroughWizard } from './support/enroll-flow.js';
import { seeded } from './support/seeds.js';
import { invoke, startStationHarness, type StationHarness } from './support/station-harness.js';
import { CLERK, configureProvider, createSupervisor, signInAs, signOut, SUPERVISOR, visible } from './support/station-setup.js';

// Needs `npm run build` first (npm test does it). Every main screen, in each language, checked by
// axe-core: a serious or critical violation fails the screen (all screens are reported, not only the first).
const person = seeded(GLAIR_IDENTITIES, FRONTAL_PERSON);

let station: StationHarness;
/**
 * The warning shows for the last half of a one-minute lock: 5 s, several times what its check (two
 * axe runs, under a second on a loaded machine) takes; the test fails if the lock comes during it.
 */
const IDLE_MINUTE_MS = 10_000;

beforeAll(async () => {
  station = await startStationHarness({
    screenshotPrefix: 'a11y',
    // Nobody before the camera at first: a face step shows it, and takes no photo, while it is checked.
    scene: [noFaceScene()],
    // The idle lock's minute lasts IDLE_MINUTE_MS, so the warning and the lock come in seconds.
    hostArgs: ['--idle-lock-minute-ms', String(IDLE_MINUTE_MS)],
  });
  await station.page.goto(station.host.url);
  await visible(station.page, 'first-run-screen');
});
afterAll(async () => {
  await station?.close();
});

/** Switches the station's language (it needs nobody signed in) and waits for the page to follow. */
async function useLanguage(page: Page, language: Language): Promise<void> {
  await invoke(page, 'settings.setLanguage', { language });
  await expect.poll(() => page.evaluate('document.documentElement.lang')).toBe(language);
}

/**
 * Checks the page as it is now in each language, without leaving it: the same screen in the same
 * state (`showing`, a test id, must still be there after each check). Ends in English, which the
 * flow's helpers find buttons and labels by.
 */
async function expectAccessibleInEveryLanguage(page: Page, screen: string, showing: string): Promise<void> {
  for (const language of LANGUAGES) {
    await useLanguage(page, language);
    await expectAccessible(page, `${screen} (${language})`);
    expect(await page.getByTestId(showing).isVisible(), `${screen} still showing in ${language}`).toBe(true);
  }
  await useLanguage(page, 'en');
}

/**
 * From a face step that shows a frame without a face (checked, never captured): Cancel, the person
 * steps before the camera while no screen has it open, and back to the step, which takes the face itself.
 */
async function faceAgainWithThePerson(page: Page, stepBefore: string, goOn: () => Promise<void>): Promise<void> {
  await page.getByTestId('face-cancel').click();
  await visible(page, stepBefore);
  station.camera.show(...livePersonClip());
  await goOn();
  await visible(page, 'face-guidance');
}

/** Follows the navigation link to a screen, language-independently by its address. */
async function openScreen(page: Page, screen: string, testId: string): Promise<void> {
  await page.locator(`nav a[href="#/${screen}"]`).click();
  await visible(page, testId);
}

/** A GLAIR enrollment without a face, taken by hand by the supervisor (main lets it on unchecked): the queue then has one needing attention. */
async function submitFaceless(page: Page): Promise<SubmissionSummary> {
  return invoke(page, 'queue.submit', {
    operation: 'enroll',
    fields: { nik: person.nik, name: person.name, dateOfBirth: person.dateOfBirth },
    consent: { given: true, at: new Date().toISOString() },
    assets: [{ kind: 'face', mime: 'image/jpeg', bytes: new Uint8Array(encodeJpeg(noFace())) }],
    capture: {
      photos: [],
      liveness: { real: null, live: null, blinkSeen: false, headTurn: null },
      idPhotoSimilarity: null,
      manual: { reason: 'camera_or_light' },
    },
    checkIn: null,
    replaces: null,
  });
}

describe('the check itself', () => {
  it('names the rule and the element of each serious or critical violation', async () => {
    const page = await station.browser.newPage();
    await page.setContent('<html><body><main><button id="nameless"></button><p style="color:#aaa;background:#fff">Faint</p></main></body></html>');
    const lines = await seriousViolations(page);
    await page.close();
    expect(lines.some((line) => line.startsWith('[critical] button-name:') && line.includes('#nameless'))).toBe(true);
    expect(lines.some((line) => line.startsWith('[serious] html-has-lang:'))).toBe(true);
    expect(lines.some((line) => line.startsWith('[serious] color-contrast:') && line.includes('2.32'))).toBe(true);
  });
});

describe('the first run', () => {
  it('is accessible in every language', async () => {
    const { page } = station;
    await expectAccessibleInEveryLanguage(page, 'first-run', 'first-run-screen');
    await createSupervisor(page, station.host.url);
    await configureProvider(page, station.emulators, 'glair-ktp');
    // A face step is checked without a face for as long as its checks take: the offer of the next step
    // (after 20 s without a photo by default) must not come meanwhile and change the screen. And the
    // longest idle lock until the idle check: 15 minutes of IDLE_MINUTE_MS might lock a slow run.
    await invoke(page, 'settings.update', {
      captureThresholds: { ...DEFAULT_CAPTURE_THRESHOLDS, offerNextStepAfterSeconds: 300 },
      idleLockMinutes: IDLE_LOCK_MINUTES_RANGE.max,
    });
    await invoke(page, 'operators.create', { name: CLERK.name, role: 'clerk', secret: { kind: 'pin', value: CLERK.pin } });
    const refused = await submitFaceless(page);
    await expect.poll(async () => (await invoke(page, 'queue.get', { id: refused.id })).state, { timeout: 30_000 }).toBe('needs_attention');
  });
});

describe('the enroll wizard and the leave dialog', () => {
  it('are accessible in every language at each step', async () => {
    const { page } = station;
    await openScreen(page, 'enroll', 'enroll-screen');
    const identity = page.getByTestId('enroll-identity');
    await visible(page, 'enroll-identity');
    await expectAccessibleInEveryLanguage(page, 'enroll identity, empty', 'enroll-identity');
    // Next with nothing typed: the inline errors.
    await identity.getByRole('textbox').first().press('Enter');
    await expect.poll(() => identity.getByRole('alert').count()).toBeGreaterThan(0);
    await expectAccessibleInEveryLanguage(page, 'enroll identity, errors', 'enroll-identity');
    expect(await identity.getByRole('alert').count(), 'the errors outlive the language changes').toBeGreaterThan(0);

    const fields = identity.getByRole('textbox');
    await fields.nth(0).fill(person.nik);
    await fields.nth(1).fill(person.name);
    await fields.nth(2).fill(person.dateOfBirth);
    await page.locator('nav a[href="#/queue"]').click();
    await visible(page, 'confirm-dialog');
    await expectAccessibleInEveryLanguage(page, 'leave dialog', 'confirm-dialog');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('confirm-dialog').count()).toBe(0);

    const consent = page.getByTestId('enroll-consent');
    const typed = () => Promise.all([0, 1, 2].map((index) => fields.nth(index).inputValue()));
    await enrollThroughWizard(page, {
      fields: {},
      onStep: async (step) => {
        await expectAccessibleInEveryLanguage(page, `enroll ${step}`, `enroll-${step}`);
        // What the clerk typed and ticked outlives the language changes.
        if (step === 'identity') expect(await typed()).toEqual([person.nik, person.name, person.dateOfBirth]);
        if (step === 'consent') expect(await consent.getByRole('checkbox').isChecked()).toBe(true);
        if (step === 'face') await faceAgainWithThePerson(page, 'enroll-consent', () => consent.getByRole('button', { name: 'Next' }).click());
      },
    });
  });
});

describe('the queue, verify, settings, operators and audit', () => {
  it('are accessible in every language', async () => {
    const { page, camera } = station;
    await openScreen(page, 'queue', 'queue-screen');
    await visible(page, 'queue-table');
    await expectAccessibleInEveryLanguage(page, 'queue list', 'queue-table');
    await page.getByTestId('queue-table').locator('tbody tr').first().getByRole('button').first().click();
    await visible(page, 'queue-detail');
    await expectAccessibleInEveryLanguage(page, 'queue detail', 'queue-detail');

    await openScreen(page, 'verify', 'verify-details');
    await expectAccessibleInEveryLanguage(page, 'verify details', 'verify-details');
    const details = page.getByTestId('verify-details');
    const fields = details.getByRole('textbox');
    await fields.nth(0).fill(person.nik);
    await fields.nth(1).fill(person.name);
    await fields.nth(2).fill(person.dateOfBirth);
    await details.getByRole('checkbox').check();
    // As in the wizard: nobody before the camera while the face step is checked.
    camera.show(noFaceScene());
    await fields.nth(2).press('Enter');
    await visible(page, 'face-guidance');
    await expectAccessibleInEveryLanguage(page, 'verify face', 'verify-face');
    await faceAgainWithThePerson(page, 'verify-details', () => details.getByRole('button', { name: 'Next' }).click());
    await visible(page, 'verify-result', CAPTURE_TIMEOUT_MS + 25_000);
    await expect.poll(() => page.getByTestId('verify-result').getAttribute('data-verdict'), { timeout: 30_000 }).toBe('match');
    await expectAccessibleInEveryLanguage(page, 'verify result', 'verify-result');

    await openScreen(page, 'settings', 'settings-screen');
    await expectAccessibleInEveryLanguage(page, 'settings', 'settings-screen');
    await openScreen(page, 'operators', 'operators-screen');
    await expectAccessibleInEveryLanguage(page, 'operators', 'operators-screen');
    await openScreen(page, 'audit', 'audit-screen');
    await expectAccessibleInEveryLanguage(page, 'audit', 'audit-screen');
  });
});

describe('the idle warning, the lock screen and the sign-in', () => {
  it('are accessible in every language', async () => {
    const { page } = station;
    await useLanguage(page, 'en');
    // A fresh sign-in starts the idle time now (activity before it reached main up to 30 s late).
    await signOut(page);
    await signInAs(page, SUPERVISOR.name, SUPERVISOR.password);
    await invoke(page, 'settings.update', { idleLockMinutes: 1 });
    await expect.poll(() => page.getByTestId('idle-warning').isVisible(), { timeout: IDLE_MINUTE_MS, interval: 500 }).toBe(true);
    await expectAccessible(page, 'idle warning (en)');
    // The lock must not have come during the check: it was on the warning throughout.
    expect(await page.getByTestId('idle-warning').isVisible(), 'the idle warning still showing after its check').toBe(true);
    await expect.poll(() => page.getByTestId('lock-screen').isVisible(), { timeout: IDLE_MINUTE_MS, interval: 500 }).toBe(true);
    await expectAccessibleInEveryLanguage(page, 'lock screen', 'lock-screen');
    await page.getByTestId('lock-screen').getByRole('button').last().click();
    await visible(page, 'sign-in-screen');
    await expectAccessibleInEveryLanguage(page, 'sign-in', 'sign-in-screen');
    // A wrong secret: the error under the form, in French from the start.
    await useLanguage(page, 'fr');
    await page.getByTestId('sign-in-screen').getByRole('textbox').first().fill(SUPERVISOR.name);
    await page.locator('input[type="password"]').fill('wrong-secret');
    await page.locator('input[type="password"]').press('Enter');
    await visible(page, 'sign-in-error');
    await expectAccessible(page, 'sign-in error (fr)');
  });
});
