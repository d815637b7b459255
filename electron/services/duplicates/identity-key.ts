import type { IdentityFieldDeclaration } from '../../../shared/providers/declaration.js';

/**
 * Who an enrollment files the person as at the provider: the trimmed values of the fields the
 * declaration marks as identifying (NIK, user id, cédula), in declaration order. Two enrollments
 * with different keys are two identities; a name spelled otherwise is not.
 */
export function identityKey(fields: readonly IdentityFieldDeclaration[], values: Readonly<Record<string, string>>): string {
  return JSON.stringify(fields.filter((field) => field.identifies === true).map((field) => [field.name, (values[field.name] ?? '').trim()]));
}
