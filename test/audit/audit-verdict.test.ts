import fs from 'node:fs';
import path from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { mergeCatalogues, type Catalogue } from '../../renderer/src/i18n/merge-catalogues.js';
import { chainVerdict } from '../../renderer/src/screens/audit-verdict.js';
import { AUDIT_BREAKS } from '../../shared/contract/audit.js';
import { LANGUAGES } from '../../shared/settings.js';

const localeDir = 'renderer/src/i18n/locales';

/** The renderer's catalogues as bundled: every feature file of a language, merged. */
async function translatorFor(language: string) {
  const folder = path.join(localeDir, language);
  const parts = fs
    .readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .map((file) => JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as Catalogue);
  const instance = i18next.createInstance();
  await instance.init({ resources: { [language]: { translation: mergeCatalogues(parts) } }, lng: language, interpolation: { escapeValue: false } });
  return instance.t;
}

describe('the audit screen names what broke', () => {
  it.each(LANGUAGES)('in %s: each reason in its own words, with the entry number', async (language) => {
    const t = await translatorFor(language);
    const texts = AUDIT_BREAKS.map((reason) => chainVerdict(t, { intact: false, count: 41, brokenAt: 42, reason }));
    for (const text of texts) {
      expect(text).toContain('42');
      expect(text).not.toMatch(/audit\.|\{\{/);
    }
    expect(new Set(texts).size).toBe(AUDIT_BREAKS.length);
  });

  it('says which entries predate the keyed chain', async () => {
    const t = await translatorFor('en');
    expect(chainVerdict(t, { intact: true, count: 10, headHash: 'h', unkeyed: 3 })).toBe(
      'Chain intact: 10 entries checked, none changed or missing. Entries 1 to 3 were written before the chain was keyed and are covered only by the older unkeyed hash.',
    );
    expect(chainVerdict(t, { intact: true, count: 10, headHash: 'h', unkeyed: 0 })).toBe('Chain intact: 10 entries checked, none changed or missing.');
    expect(chainVerdict(t, { intact: false, count: 2, brokenAt: 3, reason: 'truncated' })).toBe(
      'Chain broken at entry 3 (2 entries before it are intact). Entries from 3 on are missing: the sealed record of the last entry names a later one.',
    );
  });
});
