import { z } from 'zod';
import type { IdentityFieldDeclaration, IdentityFieldWarning } from './declaration.js';

/**
 * The identity fields the five providers ask for, each with the schema that checks the trimmed
 * value on both sides of the bridge. Every message is a full translation key under `fieldErrors.`
 * (the renderer calls `t(message, { max: field.maxLength })`), translated in providers.json.
 */
const FIELD_ERRORS = {
  required: 'fieldErrors.required',
  tooLong: 'fieldErrors.tooLong',
  nikFormat: 'fieldErrors.nikFormat',
  dateFormat: 'fieldErrors.dateFormat',
  dateNotReal: 'fieldErrors.dateNotReal',
  digitsOnly: 'fieldErrors.digitsOnly',
} as const;

const NAME_MAX = 100;
const USER_ID_MAX = 100;
const EARLIEST_BIRTH_YEAR = 1900;

const requiredText = (maxLength: number): z.ZodString => z.string().min(1, FIELD_ERRORS.required).max(maxLength, FIELD_ERRORS.tooLong);

/** Dukcapil's NIK: 16 digits (province, regency, district, birth date, serial). */
const NIK_DIGITS = 16;
const isSixteenDigits = (value: string): boolean => value.length === NIK_DIGITS && /^\d+$/.test(value);

/**
 * The Indonesian national identity number on the KTP card, for GLAIR: 16 digits refused
 * otherwise, since GLAIR itself answers "Invalid NIK number format" (400) and checks it at Dukcapil.
 */
export const glairNikField: IdentityFieldDeclaration = {
  name: 'nik',
  kind: 'digits',
  maxLength: NIK_DIGITS,
  schema: z
    .string()
    .min(1, FIELD_ERRORS.required)
    .regex(/^\d{16}$/, FIELD_ERRORS.nikFormat),
  source: 'glair-ktp-face-verification.txt l.80 "The NIK field in KTP"; l.237-245 "Invalid NIK number format"',
  identifies: true,
  warnings: [],
};

/**
 * The NIK for riset: its document asks for the "NIK number in KTP" and its own examples carry 13
 * and 14 digits, so only digits are required; Dukcapil's 16 digits are a warning a supervisor may accept.
 */
export const risetNikField: IdentityFieldDeclaration = {
  name: 'nik',
  kind: 'digits',
  maxLength: 32,
  schema: z.string().min(1, FIELD_ERRORS.required).max(32, FIELD_ERRORS.tooLong).regex(/^\d+$/, FIELD_ERRORS.digitsOnly),
  source: 'riset-pedulilindungi.md l.35 "NIK number in KTP (must be exactly the same)"; examples l.25 (13 digits), l.112 (14 digits)',
  identifies: true,
  warnings: [{ message: 'fieldWarnings.nikLength', source: "Dukcapil's NIK format: 16 digits", holds: isSixteenDigits }],
};

const NAME_PATTERN = /^[\p{L}\p{M}][\p{L}\p{M} .,'-]*$/u;

/**
 * The name as printed on the ID card. riset and GLAIR compare it with the civil registry, so it is
 * sent as typed. Neither document limits its characters (riset's own example is "RisetAi
 * Username1"), so letters and the punctuation real names carry are a warning, not a refusal.
 */
export const nameField: IdentityFieldDeclaration = {
  name: 'name',
  kind: 'text',
  maxLength: NAME_MAX,
  schema: requiredText(NAME_MAX),
  source: 'riset-pedulilindungi.md l.36 "Name in KTP (must be exactly the same)"; glair-ktp-face-verification.txt l.42 "name"',
  warnings: [
    { message: 'fieldWarnings.nameCharacters', source: "names on KTP cards: letters, spaces and . , ' -", holds: (value) => NAME_PATTERN.test(value) },
  ],
};

/** A real calendar date as dd-mm-yyyy, or null. */
function parseDayMonthYear(value: string): Date | null {
  const match = /^(\d{2})-(\d{2})-(\d{4})$/.exec(value);
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? date : null;
}

/** Date of birth as GLAIR wants it (dd-mm-yyyy): a real date, not before 1900 and not in the future. */
export const dateOfBirthField: IdentityFieldDeclaration = {
  name: 'dateOfBirth',
  kind: 'date-dmy',
  maxLength: 10,
  schema: z
    .string()
    .min(1, FIELD_ERRORS.required)
    .regex(/^\d{2}-\d{2}-\d{4}$/, FIELD_ERRORS.dateFormat)
    .refine((value) => parseDayMonthYear(value) !== null, FIELD_ERRORS.dateNotReal),
  source: "glair-ktp-face-verification.txt l.120 the SDK's date_of_birth: '01-02-1999', // dd-mm-yyyy",
  warnings: [
    {
      message: 'fieldWarnings.dateOutOfRange',
      source: 'a living person: born in 1900 or later, and not in the future',
      holds: (value) => {
        const date = parseDayMonthYear(value);
        return date === null || (date.getUTCFullYear() >= EARLIEST_BIRTH_YEAR && date.getTime() <= Date.now());
      },
    },
  ],
};

/** Ecuadorian cédula check digit: modulo 10 over the first nine digits with coefficients 2,1,2,1,… */
export function cedulaCheckDigit(firstNine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let product = Number(firstNine[i]) * (i % 2 === 0 ? 2 : 1);
    if (product > 9) product -= 9;
    sum += product;
  }
  return (10 - (sum % 10)) % 10;
}

const isTenDigits = (cedula: string): boolean => /^\d{10}$/.test(cedula);

/** Province 01-24 or 30 (Ecuadorians abroad), third digit below 6 (natural persons), valid check digit. */
export function isValidCedula(cedula: string): boolean {
  if (!isTenDigits(cedula)) return false;
  const province = Number(cedula.slice(0, 2));
  if (!((province >= 1 && province <= 24) || province === 30)) return false;
  if (Number(cedula[2]) >= 6) return false;
  return cedulaCheckDigit(cedula.slice(0, 9)) === Number(cedula[9]);
}

const CEDULA_WARNINGS: readonly IdentityFieldWarning[] = [
  { message: 'fieldWarnings.cedulaLength', source: "Ecuador's Registro Civil: the cédula has 10 digits", holds: isTenDigits },
  {
    message: 'fieldWarnings.cedulaCheckDigit',
    source: "Ecuador's Registro Civil: province 01-24 or 30, third digit below 6, modulo-10 check digit",
    // Only said of a value of the right length: one warning at a time for one mistake.
    holds: (cedula) => !isTenDigits(cedula) || isValidCedula(cedula),
  },
];

/**
 * The citizen id apptenticate checks against Ecuador's electoral registry. Its document says only
 * "Citizen ID", so digits are required and the national format and check digit warn.
 */
export const cedulaField: IdentityFieldDeclaration = {
  name: 'cedula',
  kind: 'digits',
  maxLength: 20,
  schema: z.string().min(1, FIELD_ERRORS.required).max(20, FIELD_ERRORS.tooLong).regex(/^\d+$/, FIELD_ERRORS.digitsOnly),
  source: "apptenticate-biometria.txt l.11 'cedula':'Citizen ID'; l.23 'Cédula del ciudadano'",
  identifies: true,
  warnings: CEDULA_WARNINGS,
};

/**
 * The id a provider files the person under (photo-registry `user_id` varchar(100), cin-auth
 * `username`). Kept to characters that survive a form field and a URL query unchanged.
 */
export const userIdField: IdentityFieldDeclaration = {
  name: 'userId',
  kind: 'text',
  maxLength: USER_ID_MAX,
  schema: requiredText(USER_ID_MAX),
  source: 'photo-registry.txt l.29 "user_id : string / varchar(100)"; cin-enroll-auth.txt l.6 "the username with which he\'ll be saved"',
  identifies: true,
  warnings: [
    {
      message: 'fieldWarnings.userIdCharacters',
      source: 'the station: an id of letters, digits and . _ @ - reads the same in every query string, log and report',
      holds: (value) => /^[A-Za-z0-9][A-Za-z0-9._@-]*$/.test(value),
    },
  ],
};
