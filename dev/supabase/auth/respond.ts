/**
 * Writing GoTrue responses: JSON replies, redirects and the two error shapes. Clients that send
 * `X-Supabase-Api-Version: 2024-01-01` or later (auth-js always does) get `{code, message}` and the
 * header echoed back — auth-js reads `code` only when it can see that header — and older clients
 * get the legacy `{code: <status>, error_code, msg}` (`internal/api/errors.go HandleResponseError`).
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { AuthApiError } from './errors';
import { OAuthError } from './errors';

export const API_VERSION_HEADER = 'x-supabase-api-version';
const API_VERSION_2024_01_01 = '2024-01-01';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const ok = (body: unknown, headers?: Record<string, string>): Reply => ({
  status: 200,
  body,
  headers,
});
export const noContent = (): Reply => ({ status: 204 });
export const seeOther = (location: string): Reply => ({ status: 303, headers: { location } });

/** The API version the client asked for, when it is a date GoTrue knows (2024-01-01 or later). */
export function requestedApiVersion(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  return value >= API_VERSION_2024_01_01 ? API_VERSION_2024_01_01 : null;
}

export function writeReply(res: ServerResponse, reply: Reply, apiVersion: string | null): void {
  const headers: Record<string, string> = { ...reply.headers };
  if (apiVersion) headers[API_VERSION_HEADER] = apiVersion;
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(reply.body);
  headers['content-type'] ??= 'application/json';
  headers['content-length'] = String(Buffer.byteLength(text));
  res.writeHead(reply.status, headers);
  res.end(text);
}

export function errorReply(error: AuthApiError | OAuthError, apiVersion: string | null): Reply {
  if (error instanceof OAuthError) {
    return { status: error.status, body: { error: error.error, error_description: error.description } };
  }
  const headers = { 'x-sb-error-code': error.code };
  if (apiVersion) {
    return {
      status: error.status,
      headers,
      body: { code: error.code, message: error.message, ...error.extra },
    };
  }
  const legacy: Record<string, unknown> = { code: error.status, error_code: error.code, msg: error.message };
  if (error.status >= 500) legacy.error_id = randomUUID();
  return { status: error.status, headers, body: { ...legacy, ...error.extra } };
}
