import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '../../../shared/providers/index.js';
import { PROVIDER_IDS } from '../../../shared/providers/ids.js';
import { cedulaField, dateOfBirthField, nameField, glairNikField, risetNikField, userIdField } from '../../../shared/providers/identity-fields.js';
import { fieldWarnings } from '../../../shared/providers/field-warnings.js';
import type { IdentityFieldDeclaration } from '../../../shared/providers/declaration.js';
import { LANGUAGES } from '../../../shared/settings.js';
import { mergeCatalogues } from '../../../renderer/src/i18n/merge-catalogues.js';

type Catalogue = { [key: string]: string | Catalogue };
/** A language's catalogue as the renderer loads it: every feature file merged. */
const catalogue = (language: string): Catalogue => {
  const folder = `renderer/src/i18n/locales/${language}`;
  return mergeCatalogues(
    fs
      .readdirSync(folder)
      .filter((file) => file.endsWith('.json'))
      .map((file) => JSON.parse(fs.readFileSync(`${folder}/${file}`, 'utf8')) as Catalogue),
  );
};
const lookup = (tree: Catalogue, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Catalogue)[part] : undefined), tree);

/** The validation message for a value, or null when it passes. */
function problem(field: IdentityFieldDeclaration, value: string): string | null {
  const result = field.schema.safeParse(value);
  return result.success ? null : (result.error.issues[0]?.message ?? 'no message');
}

/** The warnings a value that passes raises. */
const warned = (field: IdentityFieldDeclaration, value: string): string[] => fieldWarnings([field], { [field.name]: value }).map((found) => found.message);

describe('identity fields', () => {
  it('NIK for GLAIR: exactly 16 digits, refused otherwise, as GLAIR answers "Invalid NIK number format"', () => {
    expect(problem(glairNikField, '3273012807850001')).toBeNull();
    expect(problem(glairNikField, '327301280785000')).toBe('fieldErrors.nikFormat');
    expect(problem(glairNikField, '32730128078500012')).toBe('fieldErrors.nikFormat');
    expect(problem(glairNikField, '3273O12807850001')).toBe('fieldErrors.nikFormat');
    expect(problem(glairNikField, '')).toBe('fieldErrors.required');
  });

  it("NIK for riset: the document's own 13- and 14-digit examples pass with a warning; digits only", () => {
    for (const example of ['3273022807762', '32730228077623']) {
      expect(problem(risetNikField, example)).toBeNull();
      expect(warned(risetNikField, example)).toEqual(['fieldWarnings.nikLength']);
    }
    expect(warned(risetNikField, '3273012807850001')).toEqual([]);
    expect(problem(risetNikField, '3273O12807850001')).toBe('fieldErrors.digitsOnly');
    expect(problem(risetNikField, '')).toBe('fieldErrors.required');
  });

  it('date of birth: dd-mm-yyyy, a real date, 1900 to today', () => {
    expect(problem(dateOfBirthField, '28-07-1985')).toBeNull();
    expect(problem(dateOfBirthField, '29-02-2000')).toBeNull();
    expect(problem(dateOfBirthField, '1985-07-28')).toBe('fieldErrors.dateFormat');
    expect(problem(dateOfBirthField, '28/07/1985')).toBe('fieldErrors.dateFormat');
    expect(problem(dateOfBirthField, '29-02-2001')).toBe('fieldErrors.dateNotReal');
    expect(problem(dateOfBirthField, '31-04-1990')).toBe('fieldErrors.dateNotReal');
    // A living person's date is not the document's rule: it warns.
    expect(problem(dateOfBirthField, '01-01-1899')).toBeNull();
    expect(warned(dateOfBirthField, '01-01-1899')).toEqual(['fieldWarnings.dateOutOfRange']);
    expect(warned(dateOfBirthField, '01-01-2999')).toEqual(['fieldWarnings.dateOutOfRange']);
    expect(warned(dateOfBirthField, '28-07-1985')).toEqual([]);
  });

  it('cédula: the document says only "Citizen ID", so digits are required and the national format and check digit warn', () => {
    expect(problem(cedulaField, '1712345675')).toBeNull();
    expect(warned(cedulaField, '1712345675')).toEqual([]);
    expect(problem(cedulaField, '1712345674')).toBeNull();
    expect(warned(cedulaField, '1712345674')).toEqual(['fieldWarnings.cedulaCheckDigit']);
    expect(warned(cedulaField, '2612345670')).toEqual(['fieldWarnings.cedulaCheckDigit']);
    expect(warned(cedulaField, '171234567')).toEqual(['fieldWarnings.cedulaLength']);
    expect(problem(cedulaField, '17123-4567')).toBe('fieldErrors.digitsOnly');
  });

  it("names and user ids: only the documented length refuses; unusual characters warn (riset's own example name has a digit)", () => {
    expect(problem(nameField, 'Putri Ayu Wulandari')).toBeNull();
    expect(warned(nameField, "María José O'Neil-Andrade")).toEqual([]);
    expect(problem(nameField, 'RisetAi Username1')).toBeNull();
    expect(warned(nameField, 'RisetAi Username1')).toEqual(['fieldWarnings.nameCharacters']);
    expect(warned(nameField, 'Robert; DROP TABLE')).toEqual(['fieldWarnings.nameCharacters']);
    expect(problem(nameField, 'A'.repeat(101))).toBe('fieldErrors.tooLong');
    expect(warned(userIdField, 'clerk.7@office-3_a')).toEqual([]);
    expect(problem(userIdField, 'a'.repeat(100))).toBeNull();
    expect(problem(userIdField, 'a'.repeat(101))).toBe('fieldErrors.tooLong');
    expect(warned(userIdField, 'two words')).toEqual(['fieldWarnings.userIdCharacters']);
    expect(warned(userIdField, '-leading')).toEqual(['fieldWarnings.userIdCharacters']);
  });

  it('every field cites where its refusing rules come from, and every warning its standard', () => {
    const fields = PROVIDER_IDS.flatMap((id) => Object.values(PROVIDERS[id].operations).flatMap((operation) => operation.fields));
    // The five provider documents (../shared/api-docs, outside this repository).
    const documents = ['photo-registry.txt', 'riset-pedulilindungi.md', 'apptenticate-biometria.txt', 'glair-ktp-face-verification.txt', 'cin-enroll-auth.txt'];
    for (const field of fields) {
      expect(
        documents.some((document) => field.source.includes(document)),
        `${field.name}: ${field.source}`,
      ).toBe(true);
      for (const warning of field.warnings) expect(warning.source.length, `${field.name}: ${warning.message}`).toBeGreaterThan(10);
    }
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
    expect(messages.size).toBeGreaterThanOrEqual(6);
    for (const language of LANGUAGES) {
      const tree = catalogue(language);
      for (const field of fields) {
        expect(typeof lookup(tree, `fields.${field.name}`), `${language}: fields.${field.name}`).toBe('string');
        expect(typeof lookup(tree, `fieldHints.${field.name}`), `${language}: fieldHints.${field.name}`).toBe('string');
      }
      for (const name of credentials) expect(typeof lookup(tree, `credentials.${name}`), `${language}: credentials.${name}`).toBe('string');
      for (const message of messages) expect(typeof lookup(tree, message), `${language}: ${message}`).toBe('string');
      for (const warning of fields.flatMap((field) => field.warnings))
        expect(typeof lookup(tree, warning.message), `${language}: ${warning.message}`).toBe('string');
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

describe('queue labels', () => {
  it("name a submission by fields each provider's enrollment really asks for, one that every operation asks for among them", () => {
    for (const id of PROVIDER_IDS) {
      const declaration = PROVIDERS[id];
      const operations = Object.values(declaration.operations);
      const enrollFields = declaration.operations.enroll?.fields.map((field) => field.name) ?? [];
      expect(declaration.labelFields.length, id).toBeGreaterThan(0);
      expect(enrollFields, id).toEqual(expect.arrayContaining([...declaration.labelFields]));
      // A verification or a deletion still gets a label: the last label field is one every operation has.
      for (const operation of operations)
        expect(
          operation.fields.map((field) => field.name),
          id,
        ).toContain(declaration.labelFields.at(-1));
    }
  });
});
