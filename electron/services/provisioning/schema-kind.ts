import type { z } from 'zod';

/** The JSON type a provisioning field takes, read from its zod schema. */
export type FieldKind = 'object' | 'string' | 'number' | 'boolean' | 'array' | 'other';

type Definition = {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
};
const definitionOf = (schema: z.ZodType): Definition => (schema as unknown as { _zod: { def: Definition } })._zod.def;

/** Looks through wrappers (optional, nullable, default, a pipe's input side) to the type a source must supply. */
function unwrap(schema: z.ZodType): z.ZodType {
  const definition = definitionOf(schema);
  if ((definition.type === 'optional' || definition.type === 'nullable' || definition.type === 'default') && definition.innerType) {
    return unwrap(definition.innerType);
  }
  if (definition.type === 'pipe' && definition.in) return unwrap(definition.in);
  return schema;
}

/**
 * What the schema expects at a dotted path, or null where it knows no such
 * field. Lets a source whose values are not JSON (the Windows registry has no
 * boolean and no decimal) be read into the same schema, so a new setting needs
 * no change here.
 */
export function kindAt(schema: z.ZodType, path: readonly string[]): FieldKind | null {
  let current = unwrap(schema);
  for (const key of path) {
    const definition = definitionOf(current);
    const next = definition.type === 'object' ? definition.shape?.[key] : undefined;
    if (next === undefined) return null;
    current = unwrap(next);
  }
  const type = definitionOf(current).type;
  if (type === 'enum') return 'string';
  return type === 'object' || type === 'string' || type === 'number' || type === 'boolean' || type === 'array' ? type : 'other';
}
