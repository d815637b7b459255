import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '../../../shared/providers/index.js';
import { PROVIDER_IDS } from '../../../shared/providers/ids.js';
import { cedulaField, dateOfBirthField, nameField, nikField, userIdField } from '../../../shared/providers/identity-fields.js';
import type { IdentityFieldDeclaration } from '../../../shared/providers/declaration.js';
import { LANGUAGES } from '../../../shared/settings.js';
import { mergeCatalogues } from '../../../renderer/src/i18n/merge-catalogues.js';

type Catalogue = { [key: string]: string | Catalogue };
/** A language's catalogue as the renderer loads it: every feature file merged. */
const catalogue = (language: string): Catalogue => {
  const folder = `renderer/src/i18n/locales/${language}`;
  return mergeCatalogues(fs.readdirSync(folder).filter((file) => file.endsWith('.json')).map((file) => JSON.parse(fs.readFileSync(`${folder}/${file}`, 'utf8')) as Catalogue));
};
const lookup = (tree: Catalogue, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Catalogue)[part] : undefined), tree);

/** The validation message for a value, or null when it passes. */
function problem(field: IdentityFieldDeclaration, value: string): string | null {
  const result = field.schema.safeParse(value);
  return result.success ? null : (result.error.issues[0]?.message ?? 'no message');
}

describe('identity fields', () => {
  it('NIK: exactly 16 digits', () => {
    expect(problem(nikField, '3273012807850001')).toBeNull();
    expect(problem(nikField, '327301280785000')).toBe('fieldErrors.nikFormat');
    expect(problem(nikField, '32730128078500012')).toBe('fieldErrors.nikFormat');
    expect(problem(nikField, '3273O12807850001')).toBe('fieldErrors.nikFormat');
    expect(problem(nikField, '')).toBe('fieldErrors.required');
  });

  it('date of birth: dd-mm-yyyy, a real date, 1900 to today', () => {
    expect(problem(dateOfBirthField, '28-07-1985')).toBeNull();
    expect(problem(dateOfBirthField, '29-02-2000')).toBeNull();
    expect(problem(dateOfBirthField, '1985-07-28')).toBe('fieldErrors.dateFormat');
    expect(problem(dateOfBirthField, '28/07/1985')).toBe('fieldErrors.dateFormat');
    expect(problem(dateOfBirthField, '29-02-2001')).toBe('fieldErrors.dateNotReal');
    expect(problem(dateOfBirthField, '31-04-1990')).toBe('fieldErrors.dateNotReal');
    expect(problem(dateOfBirthField, '01-01-1899')).toBe('fieldErrors.dateOutOfRange');
    expect(problem(dateOfBirthField, '01-01-2999')).toBe('fieldErrors.dateOutOfRange');
  });

  it('cédula: ten digits with a valid province, third digit and check digit', () => {
    expect(problem(cedulaField, '1712345675')).toBeNull();
    expect(problem(cedulaField, '1712345674')).toBe('fieldErrors.cedulaInvalid');
    expect(problem(cedulaField, '2612345670')).toBe('fieldErrors.cedulaInvalid');
    expect(problem(cedulaField, '171234567')).toBe('fieldErrors.cedulaFormat');
  });

  it('names and user ids: characters and length limits', () => {
    expect(problem(nameField, 'Putri Ayu Wulandari')).toBeNull();
    expect(problem(nameField, "María José O'Neil-Andrade")).toBeNull();
    expect(problem(nameField, 'Robert; DROP TABLE')).toBe('fieldErrors.nameCharacters');
    expect(problem(nameField, 'A'.repeat(101))).toBe('fieldErrors.tooLong');
    expect(problem(userIdField, 'clerk.7@office-3_a')).toBeNull();
    expect(problem(userIdField, 'a'.repeat(100))).toBeNull();
    expect(problem(userIdField, 'a'.repeat(101))).toBe('fieldErrors.tooLong');
    expect(problem(userIdField, 'two words')).toBe('fieldErrors.userIdCharacters');
    expect(problem(userIdField, '-leading')).toBe('fieldErrors.userIdCharacters');
  });
});

describe('provider declarations', () => {
  it('declare every provider under its own id', () => {
    expect(Object.keys(PROVIDERS).sort()).toEqual([...PROVIDER_IDS].sort());
    for (const id of PROVIDER_IDS) expect(PROVIDERS[id].id).toBe(id);
  });

  it('give enroll and verify to every provider, delete where the API has one, and photo-registry its own verify endpoint', () => {
    for (const id of PROVIDER_IDS) {
      expect(PROVIDERS[id].operations.enroll, id).toBeDefined();
      expect(PROVIDERS[id].operations.verify, id).toBeDefined();
    }
    expect(PROVIDER_IDS.filter((id) => PROVIDERS[id].operations.delete)).toEqual(['riset-pedulilindungi']);
    expect(PROVIDER_IDS.filter((id) => PROVIDERS[id].separateVerifyEndpoint)).toEqual(['photo-registry']);
  });

  it('ask the capture module for what each API takes, under its documented size limits', () => {
    const photoEnroll = PROVIDERS['photo-registry'].operations.enroll?.capture;
    expect(photoEnroll?.faces).toBe(4);
    expect(photoEnroll?.maxFaceBytes).toBeLessThanOrEqual(1_000_000);
    expect(PROVIDERS.apptenticate.operations.enroll?.capture.maxFaceBytes).toBeLessThan(2 * 1024 * 1024);
    const cinEnroll = PROVIDERS['cin-auth'].operations.enroll?.capture;
    expect(cinEnroll).toMatchObject({ faces: 0, idCard: 'required' });
    expect(PROVIDERS['cin-auth'].operations.verify?.capture).toMatchObject({ faces: 1, clip: 'none' });
    expect(PROVIDERS['riset-pedulilindungi'].operations.verify?.capture).toMatchObject({ faces: 1, qrCode: true, geolocation: true });
    expect(PROVIDERS['riset-pedulilindungi'].operations.delete?.capture.faces).toBe(0);
  });

  it('have labels, hints and every validation message translated in all four languages', () => {
    const fields = PROVIDER_IDS.flatMap((id) => Object.values(PROVIDERS[id].operations).flatMap((operation) => operation.fields));
    const credentials = PROVIDER_IDS.flatMap((id) => PROVIDERS[id].credentials.map((credential) => credential.name));
    // Every message the schemas can produce: each field's schema run over values that break each rule.
    const samples = ['', 'x', '1', 'a b', '-a', '29-02-2001', '01-01-1899', '1712345674', '1'.repeat(17), 'a'.repeat(101)];
    const messages = new Set(fields.flatMap((field) => samples.map((sample) => problem(field, sample)).filter((m): m is string => m !== null)));
    expect(messages.size).toBeGreaterThanOrEqual(8);
    for (const language of LANGUAGES) {
      const tree = catalogue(language);
      for (const field of fields) {
        expect(typeof lookup(tree, `fields.${field.name}`), `${language}: fields.${field.name}`).toBe('string');
        expect(typeof lookup(tree, `fieldHints.${field.name}`), `${language}: fieldHints.${field.name}`).toBe('string');
      }
      for (const name of credentials) expect(typeof lookup(tree, `credentials.${name}`), `${language}: credentials.${name}`).toBe('string');
      for (const message of messages) expect(typeof lookup(tree, message), `${language}: ${message}`).toBe('string');
    }
  });
});

describe('adapter error codes', () => {
  it('are translated in all four languages', () => {
    const folder = 'electron/services/sync/adapters';
    const codes = new Set<string>();
    for (const file of fs.readdirSync(folder)) {
      for (const match of fs.readFileSync(`${folder}/${file}`, 'utf8').matchAll(/'(provider_[a-z_]+)'/g)) codes.add(match[1] ?? '');
    }
    expect(codes).toContain('provider_unexpected_answer');
    expect(codes).toContain('provider_duplicate_user');
    for (const language of LANGUAGES) {
      const tree = catalogue(language);
      for (const code of codes) expect(typeof lookup(tree, `errors.${code}`), `${language}: errors.${code}`).toBe('string');
    }
  });
});
