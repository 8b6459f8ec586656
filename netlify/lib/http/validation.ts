/** Zod parsing of request input; failures become 400 VALIDATION_FAILED with field paths. */
import type { z } from 'zod';
import { ApiError } from './api-error';

export interface FieldError {
  /** Dotted path of the offending field (`items.0.quantity`); empty for the input as a whole. */
  path: string;
  message: string;
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details: FieldError[] = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  throw new ApiError('VALIDATION_FAILED', `Invalid ${what}.`, { details });
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('VALIDATION_FAILED', 'Request body is not valid JSON.');
  }
}

/** Query string as an object; a repeated key becomes an array. */
export function queryObject(url: URL): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    result[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return result;
}

export interface InputSchemas {
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
}

/** The pipeline's validation stage: body (JSON), query string and path parameters. */
export function parseRequestInput(
  schemas: InputSchemas,
  input: { bodyText: string | undefined; url: URL; params: Record<string, string> },
): { body: unknown; query: unknown; params: unknown } {
  const json = schemas.body && input.bodyText !== undefined ? parseJson(input.bodyText) : undefined;
  return {
    body: schemas.body ? parseInput(schemas.body, json, 'request body') : undefined,
    query: schemas.query ? parseInput(schemas.query, queryObject(input.url), 'query parameters') : undefined,
    params: schemas.params ? parseInput(schemas.params, input.params, 'path parameters') : input.params,
  };
}
