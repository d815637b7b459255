import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REASON_CODES } from '../../renderer/src/capture/quality-gates.js';
import { GUIDANCE_KEYS, guidanceTextKey, isPassingGuidance, type GuidanceKey } from '../../renderer/src/capture/guidance-text.js';
import { mergeCatalogues } from '../../renderer/src/i18n/merge-catalogues.js';
import { LANGUAGES } from '../../shared/settings.js';

const catalogue = (language: string): { guidance: Record<string, string> } =>
  JSON.parse(fs.readFileSync(`renderer/src/i18n/locales/${language}/capture-guidance.json`, 'utf8')) as { guidance: Record<string, string> };

describe('capture guidance translations', () => {
  it('has a short instruction for every reason code in every language, and nothing else', () => {
    for (const language of LANGUAGES) {
      const { guidance } = catalogue(language);
      expect(Object.keys(guidance).sort(), language).toEqual([...REASON_CODES].sort());
      for (const code of REASON_CODES) {
        const text = guidance[code] ?? '';
        expect(text.length, `${language}: ${code}`).toBeGreaterThan(3);
        expect(text.length, `${language}: ${code}`).toBeLessThan(60);
      }
    }
  });
});

describe('capture guidance words', () => {
  type Catalogue = { [key: string]: string | Catalogue };
  const merged = (language: string): Catalogue =>
    mergeCatalogues(
      fs
        .readdirSync(`renderer/src/i18n/locales/${language}`)
        .map((file) => JSON.parse(fs.readFileSync(`renderer/src/i18n/locales/${language}/${file}`, 'utf8')) as Catalogue),
    );
  const lookup = (tree: Catalogue, key: string): unknown =>
    key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Catalogue)[part] : undefined), tree);
  const OWN_STEPS: GuidanceKey[] = ['starting', 'turn_head', 'blink', 'not_live', 'hold_still', 'done'];

  it('gives every reason that blocks a capture, liveness included, words in every language', () => {
    expect([...GUIDANCE_KEYS].sort()).toEqual([...REASON_CODES, ...OWN_STEPS].sort());
    for (const language of LANGUAGES) {
      const tree = merged(language);
      for (const key of GUIDANCE_KEYS) {
        for (const side of ['left', 'right'] as const) {
          expect(typeof lookup(tree, guidanceTextKey(key, side)), `${language}: ${key}`).toBe('string');
        }
      }
    }
  });

  it('shows green only when the capture is about to happen, never while liveness or motion is missing', () => {
    expect(OWN_STEPS.filter(isPassingGuidance)).toEqual(['hold_still', 'done']);
    expect([...REASON_CODES].filter(isPassingGuidance)).toEqual([]);
  });
});
