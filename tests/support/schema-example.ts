import fc from 'fast-check';
import type { z } from 'zod';
import { arbitraryFromZod } from './json-schema-arbitrary';

/**
 * A value a zod schema accepts, derived from the schema (via its JSON Schema, the same generator the route fuzz
 * uses) with a fixed seed: tests that iterate the route table use it for routes they have no hand-written
 * example for. Refinements that JSON Schema can't express are met by sampling until `safeParse` passes;
 * undefined when no sample does.
 */
export function exampleOf(schema: z.ZodType, seed = 20261201): unknown {
  for (const value of fc.sample(arbitraryFromZod(schema), { seed, numRuns: 300 })) if (schema.safeParse(value).success) return value;
  return undefined;
}
