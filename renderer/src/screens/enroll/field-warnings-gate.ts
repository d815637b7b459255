import { useMemo, useState } from 'react';
import { useWatch, type UseFormReturn } from 'react-hook-form';
import type { IdentityFieldDeclaration } from '../../../../shared/providers/declaration.js';
import { fieldWarnings, type FieldWarningFound } from '../../../../shared/providers/field-warnings.js';
import type { IdentityValues } from './identity-form.js';

export interface FieldWarningsGate {
  /** Warnings of the fields the clerk has left (or all of them once Next was pressed). */
  readonly shown: readonly FieldWarningFound[];
  readonly accepted: boolean;
  setAccepted(accepted: boolean): void;
  /** Whether Next may go on with these values: no warnings, or a supervisor accepted them. */
  mayGoOn(values: IdentityValues): boolean;
}

/**
 * Values that break a rule the provider's document does not state are not refused: the clerk is
 * warned at the field, and only a supervisor's explicit acceptance lets them go on as typed.
 */
export function useFieldWarningsGate(
  fields: readonly IdentityFieldDeclaration[],
  form: UseFormReturn<IdentityValues>,
  isSupervisor: boolean,
): FieldWarningsGate {
  const values = useWatch({ control: form.control });
  const { touchedFields, isSubmitted } = form.formState;
  const [accepted, setAccepted] = useState(false);
  const shown = useMemo(
    () => fieldWarnings(fields, values as IdentityValues).filter((found) => isSubmitted || touchedFields[found.field] === true),
    [fields, values, touchedFields, isSubmitted],
  );
  return {
    shown,
    accepted: accepted && shown.length > 0,
    setAccepted,
    mayGoOn: (checked) => fieldWarnings(fields, checked).length === 0 || (isSupervisor && accepted),
  };
}
