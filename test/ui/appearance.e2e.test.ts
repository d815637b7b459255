import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { FRONTAL_PERSON, livePersonClip } from '../capture/scenes.js';
import { GLAIR_IDENTITIES } from '../emulators/seeds.js';
import { expectAccessible, seriousViolations } from './support/a11y.js';
import { CAPTURE_TIMEOUT_MS, enrollUpToReview, openEnroll, SUBMIT_TIMEOUT_MS } from './support/enroll-flow.js';
import { seeded } from './support/seeds.js';
import { startStationHarness, type StationHarness } from './support/station-harness.js';
import { configureProvider, createSupervisor, visible } from './support/station-setup.js';

// Needs `npm run build` first (npm test does it): the operating system's appearance settings as
// Chromium emulates them, and the keyboard shortcuts of the frequent actions.
const person = seeded(GLAIR_IDENTITIES, FRONTAL_PERSON);
const FIELDS = { NIK: person.nik, 'Full name': person.name, 'Date of birth': person.dateOfBirth };

let station: StationHarness;

beforeAll(async () => {
  station = await startStationHarness({ screenshotPrefix: 'appearance', scene: livePersonClip() });
  await createSupervisor(station.page, station.host.url);
  await configureProvider(station.page, station.emulators, 'glair-ktp');
});
afterAll(async () => {
  await station?.page.emulateMedia({ colorScheme: null, reducedMotion: null, forcedColors: null });
  await station?.close();
});

/** A computed style of the first element matching `selector` (a string expression: the node tsconfig has no DOM types). */
const styleOf = (page: Page, selector: string, property: string): Promise<string> =>
  page.evaluate(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).${property}`) as Promise<string>;

/** The relative luminance of a computed `rgb(r, g, b)` colour (WCAG's definition). */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((part) => {
    const channel = Number(part) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

describe('the appearance follows the operating system', () => {
  it('dark mode: a dark page with light text, and still no serious axe violation', async () => {
    const { page } = station;
    await openEnroll(page);
    await page.emulateMedia({ colorScheme: 'light' });
    expect(luminance(await styleOf(page, ':root', 'backgroundColor'))).toBeGreaterThan(0.8);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(luminance(await styleOf(page, ':root', 'backgroundColor'))).toBeLessThan(0.02);
    expect(luminance(await styleOf(page, ':root', 'color'))).toBeGreaterThan(0.7);
    expect(luminance(await styleOf(page, '.top-bar', 'backgroundColor'))).toBeLessThan(0.03);
    await station.shot('dark-enroll');
    await page.emulateMedia({ colorScheme: null });
    await expectAccessible(page, 'enroll identity');
  });

  it('high contrast (forced colours): the current page and the focus are drawn with lines, not colour', async () => {
    const { page } = station;
    await page.emulateMedia({ forcedColors: 'active' });
    expect(await styleOf(page, "nav a[aria-current='page']", 'outlineStyle')).toBe('solid');
    expect(await styleOf(page, "nav a[aria-current='page']", 'outlineWidth')).toBe('3px');
    expect(await styleOf(page, 'nav a:not([aria-current])', 'outlineStyle')).toBe('none');
    expect(await styleOf(page, '.operator-area button', 'borderTopStyle')).toBe('solid');
    await page.getByTestId('enroll-identity').getByRole('textbox').first().focus();
    await page.keyboard.press('Tab');
    expect(await styleOf(page, ':focus-visible', 'outlineStyle')).toBe('solid');
    await station.shot('forced-colors-enroll');
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ forcedColors: null });
  });

  it('reduced motion: nothing animates or fades, whatever a rule asks', async () => {
    const { page } = station;
    await page.evaluate(`(() => {
      const moving = document.createElement('div');
      moving.id = 'moving';
      moving.style.transition = 'opacity 2s';
      moving.style.animation = 'spin 2s infinite';
      document.body.append(moving);
    })()`);
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    expect(await styleOf(page, '#moving', 'transitionDuration')).toBe('2s');
    expect(await styleOf(page, '#moving', 'animationName')).toBe('spin');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await styleOf(page, '#moving', 'transitionDuration')).toBe('0s');
    expect(await styleOf(page, '#moving', 'animationName')).toBe('none');
    await page.evaluate(`document.getElementById('moving').remove()`);
    await page.emulateMedia({ reducedMotion: null });
  });

  it('all three at once: axe finds nothing serious on the queue', async () => {
    const { page } = station;
    await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce', forcedColors: 'active' });
    await page.locator('nav a[href="#/queue"]').click();
    await visible(page, 'queue-screen');
    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: null, reducedMotion: null, forcedColors: null });
  });
});

describe('keyboard shortcuts of the frequent actions', () => {
  const hash = (page: Page): Promise<unknown> => page.evaluate('location.hash');

  it('Ctrl+1, 2 and 3 open a new enrollment, the queue and verify; leaving typed details still asks', async () => {
    const { page } = station;
    await page.keyboard.press('Control+3');
    await visible(page, 'verify-details');
    await page.keyboard.press('Control+2');
    await visible(page, 'queue-screen');
    await page.keyboard.press('Control+1');
    await visible(page, 'enroll-identity');
    expect(await hash(page)).toBe('#/enroll');
    await page.getByLabel('NIK', { exact: true }).fill(person.nik);
    await page.keyboard.press('Control+2');
    await visible(page, 'confirm-dialog');
    await page.keyboard.press('Escape');
    expect(await hash(page)).toBe('#/enroll');
    // Alt or a second modifier is not the shortcut.
    await page.keyboard.press('Control+Alt+2');
    expect(await hash(page)).toBe('#/enroll');
  });

  it('on Review, Ctrl+Shift+F takes the face photo again and Ctrl+Enter sends; Ctrl+1 then starts the next person', async () => {
    const { page } = station;
    await page.keyboard.press('Control+1');
    await visible(page, 'confirm-dialog');
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Discard', exact: true }).click();
    // The identity step under the dialog is the old person's until the draft is deleted and a new wizard starts.
    await expect.poll(() => page.getByLabel('NIK', { exact: true }).inputValue()).toBe('');
    await enrollUpToReview(page, { fields: FIELDS });
    await page.keyboard.press('Control+Shift+F');
    await visible(page, 'face-guidance');
    await visible(page, 'enroll-review', CAPTURE_TIMEOUT_MS);
    await page.keyboard.press('Control+Enter');
    await visible(page, 'enroll-receipt', SUBMIT_TIMEOUT_MS);
    await page.keyboard.press('Control+1');
    await visible(page, 'enroll-identity');
    expect(await page.getByLabel('NIK', { exact: true }).inputValue()).toBe('');
  });
});
