import axe from 'axe-core';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** The impacts that fail a screen; moderate and minor findings are left to review. */
const FAILING_IMPACTS = new Set(['serious', 'critical']);

/** One line per element axe found at fault: impact, rule, what is wrong and where. */
export type ViolationLine = string;

/**
 * Runs axe-core on the page as it is now (WCAG 2.x A and AA rules and axe's best practices) and
 * returns the serious and critical violations, one line per element. axe is evaluated through the
 * DevTools protocol, which the station's Content-Security-Policy does not govern, once per document.
 */
export async function seriousViolations(page: Page): Promise<ViolationLine[]> {
  const loaded = await page.evaluate('typeof globalThis.axe === "object"');
  if (!loaded) await page.evaluate(axe.source);
  const results = (await page.evaluate(`globalThis.axe.run(document, { resultTypes: ['violations'] })`)) as axe.AxeResults;
  return results.violations
    .filter((violation) => FAILING_IMPACTS.has(violation.impact ?? ''))
    .flatMap((violation) =>
      violation.nodes.map((node) => `[${violation.impact}] ${violation.id}: ${violation.help} at ${node.target.join(' ')}${detailOf(node)}`),
    );
}

/** axe's own summary of why an element fails (e.g. the contrast ratio it measured), on one line. */
const detailOf = (node: axe.NodeResult): string => {
  const summary = node.failureSummary?.replace(/\s+/g, ' ').trim();
  return summary ? ` (${summary})` : '';
};

/**
 * Fails the test with the list of violations when the page has any of impact serious or critical,
 * in the light and in the dark colour scheme (softly: every screen is reported); `screen` names where.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect.soft(await seriousViolations(page), `axe on ${screen}, ${colorScheme}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: null });
}
