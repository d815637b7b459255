import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REASON_CODES } from '../../renderer/src/capture/quality-gates.js';
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
