/** Request/response plumbing shared by the Storage routes. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SupabaseApiConfig } from '../context';
import type { StorageDb, UserScope } from './db';
import type { Disk } from './disk';
import { ERRORS } from './errors';
import type { StorageIdentity, createStorageAuthenticator } from './request-auth';

export interface StorageDeps {
  config: SupabaseApiConfig;
  db: StorageDb;
  disk: Disk;
  auth: ReturnType<typeof createStorageAuthenticator>;
}

export interface StorageRequest {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Path below /storage/v1, e.g. /object/avatars/u1/a.png (raw, not decoded). */
  path: string;
  query: URLSearchParams;
}

/** Largest JSON body a Storage route reads (bucket and list bodies are small). */
const MAX_JSON_BYTES = 1024 * 1024;

export async function readBuffer(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      req.resume();
      throw ERRORS.entityTooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** A JSON object body; an empty body reads as `{}` (storage-js sends `{}` on delete and empty). */
export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = (await readBuffer(req, MAX_JSON_BYTES)).toString('utf8');
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw ERRORS.invalidRequest('Body is not valid JSON');
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

export function scopeOf(request: StorageRequest, identity: StorageIdentity): UserScope {
  return { identity, method: request.method, path: request.path, headers: request.req.headers };
}

/** Body fields Storage's JSON schemas require; missing → 400 like Fastify's validation. */
export function requireString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') {
    throw ERRORS.invalidRequest(`body must have required property '${field}'`);
  }
  return value;
}
