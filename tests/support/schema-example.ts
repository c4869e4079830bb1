import fc from 'fast-check';
import { z } from 'zod';

/**
 * A value a zod schema accepts, derived from the schema (via its JSON Schema) with a fixed seed: tests that
 * iterate the route table use it for routes they have no hand-written example for. Refinements that JSON
 * Schema can't express are met by sampling until `safeParse` passes; undefined when no sample does.
 */
type Json = {
  $ref?: string;
  $defs?: Record<string, Json>;
  definitions?: Record<string, Json>;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  oneOf?: Json[];
  anyOf?: Json[];
  allOf?: Json[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: Json;
  properties?: Record<string, Json>;
  required?: string[];
  default?: unknown;
};

export function exampleOf(schema: z.ZodType, seed = 20261201): unknown {
  const root = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  const arb = arbitraryOf(root, root, 0);
  for (const value of fc.sample(arb, { seed, numRuns: 300 })) if (schema.safeParse(value).success) return value;
  return undefined;
}

function arbitraryOf(s: Json, root: Json, depth: number): fc.Arbitrary<unknown> {
  if (s.$ref) {
    const name = s.$ref.replace(/^#\/(\$defs|definitions)\//, '');
    const target = root.$defs?.[name] ?? root.definitions?.[name];
    return target && depth < 6 ? arbitraryOf(target, root, depth + 1) : fc.constant(undefined);
  }
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.oneOf ?? s.anyOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => arbitraryOf(a, root, depth + 1)));
  if (s.allOf?.length) return arbitraryOf(s.allOf[0], root, depth + 1);
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((type) => arbitraryOf({ ...s, type }, root, depth)));
  switch (s.type) {
    case 'string': {
      if (s.format === 'date-time') return fc.integer({ min: 0, max: 3 * 86400 }).map((ago) => new Date(Date.now() - ago * 1000).toISOString());
      const min = s.minLength ?? 0;
      const max = Math.max(min, Math.min(s.maxLength ?? 24, 60));
      if (s.pattern) return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length >= min && v.length <= (s.maxLength ?? Infinity));
      return fc.string({ minLength: min, maxLength: max, unit: 'grapheme-ascii' });
    }
    case 'integer':
    case 'number': {
      const min = Math.max(s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1000), -1_000_000);
      const max = Math.min(s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1000), 1_000_000);
      return fc.integer({ min: Math.ceil(min), max: Math.floor(Math.max(min, max)) });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(s.items ? arbitraryOf(s.items, root, depth + 1) : fc.constant(null), { minLength: s.minItems ?? 0, maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 3, 3)) });
    case 'object': {
      const props = Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, arbitraryOf(v, root, depth + 1)]));
      return fc.record(props, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
    }
    default:
      return fc.constant(s.default ?? {});
  }
}
