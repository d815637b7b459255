import { z } from 'zod';
import type { IdentityFieldDeclaration } from './declaration.js';

/**
 * The identity fields the five providers ask for, each with the schema that checks the trimmed
 * value on both sides of the bridge. Every message is a full translation key under `fieldErrors.`
 * (the renderer calls `t(message, { max: field.maxLength })`), translated in providers.json.
 */
const FIELD_ERRORS = {
  required: 'fieldErrors.required',
  tooLong: 'fieldErrors.tooLong',
  nikFormat: 'fieldErrors.nikFormat',
  nameCharacters: 'fieldErrors.nameCharacters',
  dateFormat: 'fieldErrors.dateFormat',
  dateNotReal: 'fieldErrors.dateNotReal',
  dateOutOfRange: 'fieldErrors.dateOutOfRange',
  cedulaFormat: 'fieldErrors.cedulaFormat',
  cedulaInvalid: 'fieldErrors.cedulaInvalid',
  userIdCharacters: 'fieldErrors.userIdCharacters',
} as const;

const NAME_MAX = 100;
const USER_ID_MAX = 100;
const EARLIEST_BIRTH_YEAR = 1900;

const requiredText = (maxLength: number): z.ZodString => z.string().min(1, FIELD_ERRORS.required).max(maxLength, FIELD_ERRORS.tooLong);

/** The Indonesian national identity number on the KTP card: exactly 16 digits (GLAIR answers 400 otherwise). */
export const nikField: IdentityFieldDeclaration = {
  name: 'nik',
  kind: 'digits',
  maxLength: 16,
  schema: z.string().min(1, FIELD_ERRORS.required).regex(/^\d{16}$/, FIELD_ERRORS.nikFormat),
};

/**
 * The name as printed on the ID card. riset and GLAIR compare it with the civil registry, so it is
 * sent as typed: letters (any script, with accents), spaces and the punctuation real names carry.
 */
export const nameField: IdentityFieldDeclaration = {
  name: 'name',
  kind: 'text',
  maxLength: NAME_MAX,
  schema: requiredText(NAME_MAX).regex(/^[\p{L}\p{M}][\p{L}\p{M} .,'-]*$/u, FIELD_ERRORS.nameCharacters),
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
    .refine((value) => parseDayMonthYear(value) !== null, FIELD_ERRORS.dateNotReal)
    .refine((value) => {
      const date = parseDayMonthYear(value);
      return date === null || (date.getUTCFullYear() >= EARLIEST_BIRTH_YEAR && date.getTime() <= Date.now());
    }, FIELD_ERRORS.dateOutOfRange),
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

/** Province 01-24 or 30 (Ecuadorians abroad), third digit below 6 (natural persons), valid check digit. */
export function isValidCedula(cedula: string): boolean {
  if (!/^\d{10}$/.test(cedula)) return false;
  const province = Number(cedula.slice(0, 2));
  if (!((province >= 1 && province <= 24) || province === 30)) return false;
  if (Number(cedula[2]) >= 6) return false;
  return cedulaCheckDigit(cedula.slice(0, 9)) === Number(cedula[9]);
}

/** The citizen id apptenticate checks against Ecuador's electoral registry. */
export const cedulaField: IdentityFieldDeclaration = {
  name: 'cedula',
  kind: 'digits',
  maxLength: 10,
  schema: z.string().min(1, FIELD_ERRORS.required).regex(/^\d{10}$/, FIELD_ERRORS.cedulaFormat).refine(isValidCedula, FIELD_ERRORS.cedulaInvalid),
};

/**
 * The id a provider files the person under (photo-registry `user_id` varchar(100), cin-auth
 * `username`). Kept to characters that survive a form field and a URL query unchanged.
 */
export const userIdField: IdentityFieldDeclaration = {
  name: 'userId',
  kind: 'text',
  maxLength: USER_ID_MAX,
  schema: requiredText(USER_ID_MAX).regex(/^[A-Za-z0-9][A-Za-z0-9._@-]*$/, FIELD_ERRORS.userIdCharacters),
};
