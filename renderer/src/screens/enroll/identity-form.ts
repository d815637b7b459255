import { z } from 'zod';
import type { IdentityFieldDeclaration } from '../../../../shared/providers/declaration.js';

export type IdentityValues = Record<string, string>;

/**
 * One object schema from the provider's field declarations: each value is trimmed, then checked by
 * the declaration's own schema. (A schema that takes any input takes a string: the cast only narrows its input type.)
 */
export const identitySchema = (fields: readonly IdentityFieldDeclaration[]) =>
  z.object(
    Object.fromEntries(
      fields.map((field) => [
        field.name,
        z
          .string()
          .trim()
          .pipe(field.schema as z.ZodType<string, string>),
      ]),
    ),
  );

export const emptyIdentity = (fields: readonly IdentityFieldDeclaration[]): IdentityValues => Object.fromEntries(fields.map((field) => [field.name, '']));
