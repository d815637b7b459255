import type { IdentityFieldDeclaration } from './declaration.js';

/** One value that breaks a rule the provider's document does not state. */
export interface FieldWarningFound {
  readonly field: string;
  /** Translation key under `fieldWarnings.`. */
  readonly message: string;
}

/** The warnings of the trimmed values that pass their refusing rules (empty values are the form's error, not a warning). */
export function fieldWarnings(fields: readonly IdentityFieldDeclaration[], values: Readonly<Record<string, string>>): FieldWarningFound[] {
  return fields.flatMap((field) => {
    const value = (values[field.name] ?? '').trim();
    if (value === '' || !field.schema.safeParse(value).success) return [];
    return field.warnings.filter((warning) => !warning.holds(value)).map((warning) => ({ field: field.name, message: warning.message }));
  });
}
