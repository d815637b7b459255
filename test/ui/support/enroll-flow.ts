import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { visible } from './station-setup.js';

/** Face capture in the browser runs Human at a few frames a second on two cores: give a capture this long. */
export const CAPTURE_TIMEOUT_MS = 90_000;

/**
 * A submit waits for main to find the face in the photo with Human in its worker (the first photo
 * loads the models): a fraction of a second alone, many seconds with other browser tests beside it.
 */
export const SUBMIT_TIMEOUT_MS = 60_000;

export interface WizardRun {
  /** Identity field label → value, typed in this order. */
  readonly fields: Readonly<Record<string, string>>;
  /** Tick the consent from the keyboard, checking that the step's heading took the focus. */
  readonly keyboardOnly?: boolean;
  /** Called after each step is showing, to screenshot it. */
  readonly onStep?: (step: string) => Promise<void>;
}

/** Opens the wizard from the navigation, fresh for a new person. */
export async function openEnroll(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Enroll' }).click();
  await visible(page, 'enroll-screen');
}

/**
 * One enrollment from the keyboard where the clerk types (Enter advances every form step), waiting
 * for the capture steps the provider asks for. Resolves with the receipt's queue id.
 */
export async function enrollThroughWizard(page: Page, run: WizardRun): Promise<string> {
  const onStep = run.onStep ?? (async () => undefined);
  await enrollUpToReview(page, run);
  await page.getByTestId('enroll-submit').click();
  await visible(page, 'enroll-receipt', SUBMIT_TIMEOUT_MS);
  await onStep('receipt');
  // The receipt shows the short reference; its link carries the submission id.
  const reference = page.getByTestId('receipt-reference');
  expect(await reference.textContent()).toMatch(/^ST-[0-9A-HJKMNP-TV-Z]{8}$/);
  return (await reference.getAttribute('data-id')) ?? '';
}

/** The wizard from the identity step to the review, with the capture steps the provider asks for; nothing is sent. */
export async function enrollUpToReview(page: Page, run: WizardRun = { fields: {} }): Promise<void> {
  const onStep = run.onStep ?? (async () => undefined);
  await visible(page, 'enroll-identity');
  for (const [label, value] of Object.entries(run.fields)) await page.getByLabel(label, { exact: true }).fill(value);
  await onStep('identity');
  // Enter in any field goes on (a recapture arrives with the fields already filled in).
  if (Object.keys(run.fields).length === 0) await page.getByTestId('enroll-identity').getByRole('textbox').first().focus();
  await page.keyboard.press('Enter');

  await visible(page, 'enroll-consent');
  if (run.keyboardOnly) {
    await expect.poll(() => focusedText(page)).toBe('Consent');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    expect(await page.getByTestId('enroll-consent').getByRole('checkbox').isChecked()).toBe(true);
  } else {
    await page.getByTestId('enroll-consent').getByRole('checkbox').check();
  }
  await onStep('consent');
  await page.keyboard.press('Enter');

  // The capture steps this provider needs, in the wizard's order, until the review.
  for (let step = await stepAfter(page, 'consent'); step !== 'review'; step = await stepAfter(page, step)) {
    if (step === 'face') {
      await visible(page, 'face-guidance');
      await onStep('face');
    } else if (step === 'idCard') {
      await expect.poll(() => page.getByTestId('id-card-capture').getByRole('button', { name: 'Take photo' }).isEnabled(), { timeout: 15_000 }).toBe(true);
      await onStep('id-card');
      await takeIdCardPhoto(page);
    } else {
      throw new Error(`the wizard is at an unexpected step: ${step}`);
    }
  }

  await visible(page, 'enroll-review');
  await expect.poll(() => page.getByTestId('quality-notes').locator('li').count()).toBeGreaterThan(0);
  await onStep('review');
}

const wizardStep = async (page: Page): Promise<string> => (await page.locator('.wizard').getAttribute('data-step')) ?? '';

/** Waits for the wizard to leave `step` (a capture finishes by itself) and says where it went. */
async function stepAfter(page: Page, step: string): Promise<string> {
  await expect.poll(() => wizardStep(page), { timeout: CAPTURE_TIMEOUT_MS, interval: 500 }).not.toBe(step);
  return wizardStep(page);
}

/**
 * Takes the card photo as a clerk would: again while the step asks for it (at first, or after
 * "could not be taken"), and waits as long as a capture may for the face models' first load.
 */
export async function takeIdCardPhoto(page: Page, timeoutMs = CAPTURE_TIMEOUT_MS): Promise<void> {
  const capture = page.getByTestId('id-card-capture');
  const take = capture.getByTestId('id-card-take');
  await expect
    .poll(
      async () => {
        const step = await capture.getAttribute('data-step');
        if ((step === 'framing' || step === 'failed') && (await take.isEnabled())) await take.click();
        return step;
      },
      { timeout: timeoutMs, interval: 1000 },
    )
    .toBe('review');
  await capture.getByTestId('id-card-use').click();
}

/** The text of the element that has the keyboard focus (a string expression: the node tsconfig has no DOM types). */
export const focusedText = (page: Page): Promise<unknown> => page.evaluate('document.activeElement?.textContent');

/** The receipt's state as main reports it, live. */
export const receiptState = (page: Page): Promise<string | null> => page.getByTestId('submission-state').getAttribute('data-state');
