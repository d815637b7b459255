import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeCatalogues, type Catalogue } from '../../renderer/src/i18n/merge-catalogues.js';
import { LANGUAGES } from '../../shared/settings.js';

const localeDir = 'renderer/src/i18n/locales';
/** Each language's feature files, as the renderer loads them. */
const partsOf = (language: string): Record<string, Catalogue> =>
  Object.fromEntries(
    fs
      .readdirSync(path.join(localeDir, language))
      .filter((file) => file.endsWith('.json'))
      .map((file) => [file, JSON.parse(fs.readFileSync(path.join(localeDir, language, file), 'utf8')) as Catalogue]),
  );
const catalogues = Object.fromEntries(LANGUAGES.map((language) => [language, mergeCatalogues(Object.values(partsOf(language)))]));

/** Every leaf key, with i18next plural suffixes folded (Indonesian has no singular form). */
function keysOf(catalogue: Catalogue, prefix = ''): Set<string> {
  const keys = new Set<string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const full = `${prefix}${key}`;
    if (typeof value === 'string') keys.add(full.replace(/_(zero|one|two|few|many|other)$/, ''));
    else for (const nested of keysOf(value, `${full}.`)) keys.add(nested);
  }
  return keys;
}

const lookup = (catalogue: Catalogue, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Catalogue)[part] : undefined), catalogue);

/** Error codes main can send to the renderer: every StationFailure in the services, recursively. */
function errorCodesThrownIn(folder: string): string[] {
  const codes = new Set<string>();
  for (const entry of fs.readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.ts')) continue;
    const source = fs.readFileSync(path.join(folder, entry), 'utf8');
    for (const match of source.matchAll(/new StationFailure\(\s*'([a-z_]+)'/g)) codes.add(match[1] ?? '');
  }
  return [...codes].sort();
}

describe('translations', () => {
  it('split into the same feature files in every language, with no key defined in two files', () => {
    const english = Object.keys(partsOf('en')).sort();
    for (const language of LANGUAGES) {
      const parts = partsOf(language);
      expect(Object.keys(parts).sort(), language).toEqual(english);
      const seen = new Map<string, string>();
      for (const [file, part] of Object.entries(parts)) {
        for (const key of keysOf(part)) {
          expect(seen.get(key), `${language}: ${key} in ${file}`).toBeUndefined();
          seen.set(key, file);
        }
      }
    }
  });

  it('have the same keys in all four languages', () => {
    const english = [...keysOf(catalogues.en ?? {})].sort();
    for (const language of LANGUAGES) expect([...keysOf(catalogues[language] ?? {})].sort(), language).toEqual(english);
  });

  it('translate every error code the services send', () => {
    const codes = errorCodesThrownIn('electron/services');
    expect(codes).toEqual(expect.arrayContaining(['account_locked', 'not_signed_in', 'setting_locked', 'sign_in_failed', 'supervisor_only']));
    for (const language of LANGUAGES) {
      for (const code of codes) expect(typeof lookup(catalogues[language] ?? {}, `errors.${code}`), `${language}: errors.${code}`).toBe('string');
    }
  });
});
