/**
 * Structured output for the stand-in: a deterministic JSON value that satisfies the JSON Schema a
 * request asked for (OpenAI response_format json_schema, Anthropic tool input_schema, Gemini
 * responseSchema / responseJsonSchema). Covers the subset providers accept in strict modes:
 * object (properties, required), array (items, minItems, maxItems), string (enum, minLength,
 * maxLength), number / integer (minimum, maximum), boolean, null, anyOf / oneOf (the first).
 *
 * An enum inside the items of an array takes the value at the item's index (modulo its length),
 * so "one entry per listed id" schemas get every id once.
 */
import { answerTokens } from './tokens';

type Schema = Record<string, unknown>;

const isSchema = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Gemini's OpenAPI-style schemas spell types in capitals ("OBJECT"). */
const typeOf = (schema: Schema): string | undefined => {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (typeof type === 'string') return type.toLowerCase();
  if (isSchema(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  if (Array.isArray(schema.enum)) return 'string';
  return undefined;
};

function text(seed: string, min: number, max: number): string {
  let value = answerTokens(seed, 6).join('');
  while (value.length < min) value += ` ${answerTokens(value, 4).join('')}`;
  return value.slice(0, Math.max(min, Math.min(max, value.length)));
}

function generate(schema: Schema, path: string, index: number): unknown {
  const choice = (schema.anyOf ?? schema.oneOf) as unknown;
  if (Array.isArray(choice) && isSchema(choice[0])) return generate(choice[0], path, index);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[index % schema.enum.length];
  switch (typeOf(schema)) {
    case 'object': {
      const properties = isSchema(schema.properties) ? schema.properties : {};
      return Object.fromEntries(
        Object.entries(properties)
          .filter(([, value]) => isSchema(value))
          .map(([name, value]) => [name, generate(value as Schema, `${path}.${name}`, index)]),
      );
    }
    case 'array': {
      const items = isSchema(schema.items) ? schema.items : {};
      const min = typeof schema.minItems === 'number' ? schema.minItems : 1;
      const max = typeof schema.maxItems === 'number' ? schema.maxItems : Math.max(min, 2);
      return Array.from({ length: Math.min(Math.max(min, 1), max) }, (_, i) =>
        generate(items, `${path}[${i}]`, i),
      );
    }
    case 'string': {
      const min = typeof schema.minLength === 'number' ? schema.minLength : 1;
      const max = typeof schema.maxLength === 'number' ? schema.maxLength : 200;
      return text(`${path}#${index}`, min, max);
    }
    case 'integer':
    case 'number': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : 0;
      const max = typeof schema.maximum === 'number' ? schema.maximum : min + 10;
      return Math.min(max, Math.ceil(min) + index);
    }
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return text(`${path}#${index}`, 1, 60);
  }
}

/** A JSON document valid against `schema`; `undefined` (json_object mode) gives a small object. */
export function jsonFor(schema: Schema | undefined, seed: string): string {
  if (!schema) return JSON.stringify({ answer: text(seed, 1, 120) });
  return JSON.stringify(generate(schema, '$', 0));
}

/** Not JSON at all: the document cut in half (the repair path's trigger). */
export const malformed = (json: string) => json.slice(0, Math.max(1, Math.floor(json.length / 2)));

/** Streamed as one token per four characters. */
export function jsonTokens(json: string): string[] {
  const tokens: string[] = [];
  for (let i = 0; i < json.length; i += 4) tokens.push(json.slice(i, i + 4));
  return tokens;
}
