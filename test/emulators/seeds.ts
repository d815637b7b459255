// The registries behind the verify-only providers: Dukcapil (GLAIR) and the electoral registry
// (apptenticate). Each identity's reference face is a sample person of test/fixtures/faces.ts.
import type { ApptenticateCitizen, GlairIdentity } from './types.js';

/**
 * NIKs follow the real layout (province, regency, district, birth date with 40 added to the day
 * for women, serial), so they pass any structural check a client might add.
 */
export const GLAIR_IDENTITIES: readonly GlairIdentity[] = [
  { nik: '3273012807850001', name: 'BUDI SANTOSO', dateOfBirth: '28-07-1985', samplePerson: 0 },
  { nik: '3171055402920002', name: 'SITI RAHAYU', dateOfBirth: '14-02-1992', samplePerson: 1 },
  { nik: '3578034311900003', name: 'DEWI LESTARI', dateOfBirth: '03-11-1990', samplePerson: 2 },
  { nik: '5171026105950004', name: 'PUTRI AYU WULANDARI', dateOfBirth: '21-05-1995', samplePerson: 3 },
  { nik: '3374010909790005', name: 'AGUS SETIAWAN', dateOfBirth: '09-09-1979', samplePerson: 4 },
  { nik: '3201077012880006', name: 'RATNA SARI DEWI', dateOfBirth: '30-12-1988', samplePerson: 5 },
];

/** Ecuadorian cédula check digit (modulo 10 over the first nine digits, coefficients 2,1,2,...). */
export function cedulaCheckDigit(firstNine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let product = Number(firstNine[i]) * (i % 2 === 0 ? 2 : 1);
    if (product > 9) product -= 9;
    sum += product;
  }
  return (10 - (sum % 10)) % 10;
}

/** Ten digits, province 01-24 or 30, third digit below 6, valid check digit. */
export function isValidCedula(cedula: string): boolean {
  if (!/^\d{10}$/.test(cedula)) return false;
  const province = Number(cedula.slice(0, 2));
  if (!((province >= 1 && province <= 24) || province === 30)) return false;
  if (Number(cedula[2]) >= 6) return false;
  return cedulaCheckDigit(cedula.slice(0, 9)) === Number(cedula[9]);
}

const withCheckDigit = (firstNine: string): string => `${firstNine}${cedulaCheckDigit(firstNine)}`;

export const APPTENTICATE_CITIZENS: readonly ApptenticateCitizen[] = [
  { cedula: withCheckDigit('171234567'), name: 'JUAN CARLOS PÉREZ', samplePerson: 0 },
  { cedula: withCheckDigit('091234567'), name: 'MARÍA JOSÉ ANDRADE', samplePerson: 1 },
  { cedula: withCheckDigit('010203040'), name: 'ANA LUCÍA MORA', samplePerson: 2 },
  { cedula: withCheckDigit('130507090'), name: 'GABRIELA TORRES', samplePerson: 3 },
  { cedula: withCheckDigit('080910111'), name: 'LUIS ALBERTO CEDEÑO', samplePerson: 4 },
  { cedula: withCheckDigit('110122334'), name: 'VALERIA SALAZAR', samplePerson: 5 },
];
