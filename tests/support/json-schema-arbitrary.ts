import fc from 'fast-check';
import { z } from 'zod';

/**
 * fast-check arbitraries from zod 4 schemas, through the JSON Schema zod itself writes (`z.toJSONSchema`, the
 * input side, so coercions and defaults read as what a client sends). No maintained library builds arbitraries
 * from zod 4 (zod-fast-check stops at zod 3), and the JSON Schema is the contract the OpenAPI document shows, so
 * generating from it tests what clients are told. Covers what the route table's schemas use: objects (required
 * and optional properties, records), arrays, strings (pattern, length, date-time), integers, numbers, booleans,
 * null, enum, const, unions; anything else (`{}`) is any JSON.
 *
 * `hint(name)` may offer values for a property by its name (a real member id, a store code) so that some inputs
 * get past "not found" and reach the code behind it.
 */
type JsonSchema = {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
};
export type Hint = (name: string) => Array<fc.Arbitrary<unknown>> | undefined;

const MAX_ITEMS = 4;
const MAX_STRING = 24;

export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
}

export function arbitraryFromZod(schema: z.ZodType, hint?: Hint): fc.Arbitrary<unknown> {
  const root = jsonSchemaOf(schema);
  return arbitraryOf(root, { hint, defs: root.$defs ?? {} });
}

/** Named schemas (`.meta({ id })`) come out as `$ref`s into `$defs`. */
type Context = { hint?: Hint; defs: Record<string, JsonSchema> };

export function arbitraryOf(s: JsonSchema, ctx: Context, name?: string): fc.Arbitrary<unknown> {
  const hinted = name !== undefined ? ctx.hint?.(name) : undefined;
  const generated = fromSchema(s, ctx);
  return hinted?.length ? fc.oneof({ arbitrary: fc.oneof(...hinted), weight: 3 }, { arbitrary: generated, weight: 1 }) : generated;
}

function fromSchema(s: JsonSchema, ctx: Context): fc.Arbitrary<unknown> {
  if (s.$ref) {
    const target = s.$ref.startsWith('#/$defs/') ? ctx.defs[s.$ref.slice('#/$defs/'.length)] : undefined;
    return target ? fc.constant(null).chain(() => arbitraryOf(target, ctx)) : fc.jsonValue({ maxDepth: 2 });
  }
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const union = s.oneOf ?? s.anyOf;
  if (union) return fc.oneof(...union.map((u) => arbitraryOf(u, ctx)));
  if (s.allOf?.length) return arbitraryOf(s.allOf[0], ctx);
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((type) => fromSchema({ ...s, type }, ctx)));
  switch (s.type) {
    case 'string':
      if (s.pattern) return fc.stringMatching(new RegExp(s.pattern));
      if (s.format === 'date-time') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
      return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.max(s.minLength ?? 0, Math.min(s.maxLength ?? MAX_STRING, MAX_STRING)) });
    case 'integer': {
      const min = Math.max(s.minimum ?? (s.exclusiveMinimum ?? -1_000_001) + 1, Number.MIN_SAFE_INTEGER);
      return fc.integer({ min, max: Math.max(min, Math.min(s.maximum ?? (s.exclusiveMaximum ?? 1_000_001) - 1, Number.MAX_SAFE_INTEGER)) });
    }
    case 'number':
      return fc.double({ min: s.minimum ?? s.exclusiveMinimum ?? -1e6, max: s.maximum ?? s.exclusiveMaximum ?? 1e6, noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const min = s.minItems ?? 0;
      return fc.array(s.items ? arbitraryOf(s.items, ctx) : fc.jsonValue({ maxDepth: 1 }), { minLength: min, maxLength: Math.max(min, Math.min(s.maxItems ?? MAX_ITEMS, MAX_ITEMS)) });
    }
    case 'object': {
      const props = Object.entries(s.properties ?? {});
      if (props.length === 0) {
        const value = typeof s.additionalProperties === 'object' && Object.keys(s.additionalProperties).length ? arbitraryOf(s.additionalProperties, ctx) : fc.jsonValue({ maxDepth: 2 });
        return fc.dictionary(fc.string({ maxLength: 12 }), value, { maxKeys: 6 });
      }
      return fc.record(Object.fromEntries(props.map(([key, p]) => [key, arbitraryOf(p, ctx, key)])), { requiredKeys: s.required ?? [] });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}
