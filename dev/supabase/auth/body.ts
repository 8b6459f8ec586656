/**
 * Request bodies as GoTrue reads them: JSON or `application/x-www-form-urlencoded`, at most 1 MB
 * (GoTrue wraps bodies in `http.MaxBytesReader`, so an oversized body fails to decode: bad_json).
 */
import type { IncomingMessage } from 'node:http';
import { badRequest } from './errors';

const MAX_BODY_BYTES = 1024 * 1024;

export type Body = Record<string, unknown>;

export async function readBody(req: IncomingMessage): Promise<Body> {
  const text = await readText(req);
  if (text.trim() === '') return {};
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw badRequest('bad_json', `Could not parse request body as JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw badRequest('bad_json', 'Could not parse request body as JSON: expected an object');
  }
  return parsed as Body;
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Keep draining past the limit (without buffering) so the error response can still be written
  // on the same connection; leaving the loop early would destroy the socket.
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  if (size > MAX_BODY_BYTES) {
    throw badRequest('bad_json', 'Could not read request body: http: request body too large');
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A string field, or undefined when absent/null; anything else is a validation error. */
export function optionalString(body: Body, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw badRequest('bad_json', `Could not parse request body as JSON: ${field} must be a string`);
  }
  return value;
}

/** A JSON object field (metadata), or undefined when absent/null. */
export function optionalObject(body: Body, field: string): Record<string, unknown> | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw badRequest('bad_json', `Could not parse request body as JSON: ${field} must be an object`);
  }
  return value as Record<string, unknown>;
}

export function optionalBoolean(body: Body, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw badRequest('bad_json', `Could not parse request body as JSON: ${field} must be a boolean`);
}
