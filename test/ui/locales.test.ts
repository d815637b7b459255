import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../shared/settings.js';

const localeDir = 'renderer/src/i18n/locales';
type Catalogue = { [key: string]: string | Catalogue };
const catalogues = Object.fromEntries(
  LANGUAGES.map((language) => [language, JSON.parse(fs.readFileSync(path.join(localeDir, `${language}.json`), 'utf8')) as Catalogue]),
);

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

/** Error codes the operator, audit and settings services can send to the renderer. */
function errorCodesThrownIn(folders: string[]): string[] {
  const codes = new Set<string>();
  for (const folder of folders) {
    for (const file of fs.readdirSync(folder)) {
      const source = fs.readFileSync(path.join(folder, file), 'utf8');
      for (const match of source.matchAll(/new StationFailure\(\s*'([a-z_]+)'/g)) codes.add(match[1] ?? '');
    }
  }
  return [...codes].sort();
}

describe('translations', () => {
  it('have the same keys in all four languages', () => {
    const english = [...keysOf(catalogues.en ?? {})].sort();
    for (const language of LANGUAGES) expect([...keysOf(catalogues[language] ?? {})].sort(), language).toEqual(english);
  });

  it('translate every error code the operator, audit and settings services send', () => {
    const codes = errorCodesThrownIn(['electron/services/operators', 'electron/services/audit', 'electron/services/settings']);
    expect(codes).toEqual(
      expect.arrayContaining(['account_locked', 'not_signed_in', 'setting_locked', 'sign_in_failed', 'supervisor_only']),
    );
    for (const language of LANGUAGES) {
      for (const code of codes) expect(typeof lookup(catalogues[language] ?? {}, `errors.${code}`), `${language}: errors.${code}`).toBe('string');
    }
  });
});
