import fc from 'fast-check';
import { z } from 'zod';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  additionalProperties?: JsonSchema | boolean;
};

/** Strings that have broken parsers, queries and file paths before. */
export const NASTY_STRINGS = [
  '',
  ' ',
  '../../../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  "' OR '1'='1' --",
  '"; DROP TABLE orgs; --',
  '%',
  '_',
  '\\',
  '\u0000',
  '\u202eevil\u202c',
  'e\u0301',
  '\ud83d\ude00\ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67',
  '\ud800',
  'Ω≈ç√∫˜µ≤≥÷',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  'a'.repeat(5000),
];

export const nastyString = fc.oneof(fc.constantFrom(...NASTY_STRINGS), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }));

/** The JSON Schema of a zod schema's input, or null when zod cannot express it. */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema | null {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return null;
  }
}

/**
 * Inputs shaped like a schema: mostly valid-looking values of the right type, with a share of wrong types,
 * nasty strings, boundary numbers and extra keys, so both the validator and what lies behind it get tried.
 */
export function arbitraryFor(schema: JsonSchema | null, depth = 0): fc.Arbitrary<unknown> {
  const wrong = depth > 3 ? fc.constant(null) : fc.oneof(fc.jsonValue({ maxDepth: 2 }), nastyString);
  if (!schema) return wrong;
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return fc.oneof(...options.map((option) => arbitraryFor(option, depth + 1)), wrong);
  if (schema.allOf?.length) return arbitraryFor(schema.allOf[0]!, depth);
  if ('const' in schema) return fc.oneof({ weight: 4, arbitrary: fc.constant(schema.const) }, { weight: 1, arbitrary: wrong });
  if (schema.enum) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...schema.enum) }, { weight: 1, arbitrary: wrong });
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const right = ((): fc.Arbitrary<unknown> => {
    switch (type) {
      case 'object': {
        const properties = schema.properties ?? {};
        const model = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, arbitraryFor(value, depth + 1)]));
        const record = fc.record(model, { requiredKeys: (schema.required ?? []).filter((key) => key in properties) });
        const extra = fc.dictionary(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'orgId', 'id'), fc.string({ maxLength: 8 })), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 });
        return fc.tuple(record, extra).map(([known, more]) => ({ ...more, ...known }));
      }
      case 'array':
        return fc.array(arbitraryFor(schema.items ?? null, depth + 1), { maxLength: Math.min(schema.maxItems ?? 4, 4) });
      case 'string':
        if (schema.format === 'uuid') return fc.oneof(fc.uuid(), nastyString);
        if (schema.format === 'email') return fc.oneof(fc.emailAddress(), nastyString);
        return fc.oneof(fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 64, 64) }), nastyString);
      case 'integer':
      case 'number':
        return fc.oneof(
          fc.integer({ min: schema.minimum !== undefined ? Math.ceil(schema.minimum) : -1000, max: schema.maximum !== undefined ? Math.floor(Math.min(schema.maximum, 1e9)) : 1000 }),
          fc.constantFrom(0, -1, 2 ** 31, 2 ** 53, -(2 ** 63), 1e308, 0.5),
        );
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  })();
  return fc.oneof({ weight: 5, arbitrary: right }, { weight: 1, arbitrary: wrong });
}
