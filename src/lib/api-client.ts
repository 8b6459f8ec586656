/**
 * `apiFetch` calls the SPA's own `/api` functions (the ones that hold secrets): it attaches the
 * signed-in user's access token, turns any failure into an `ApiClientError` carrying the shared
 * error shape, and signs the user out when the server says the session is no longer valid.
 */
import type { z } from 'zod';
import { apiErrorBodySchema } from '@/shared/api-error';
import { ApiClientError, codeForStatus } from './api-client-error';
import { loadSupabase } from './supabase-lazy';

export { ApiClientError, isApiClientError } from './api-client-error';
export { streamEvents, type ServerSentEvent } from './stream-events';

export type ApiPath = `/api/${string}`;

export interface ApiFetchInit extends RequestInit {
  /** Sent as the JSON body, with `Content-Type: application/json`. */
  json?: unknown;
  /**
   * A 401 normally means the session is gone and signs this browser out. Set for endpoints whose
   * 401 means "that password is not correct" (account deletion), where the session is fine.
   */
  keepSessionOn401?: boolean;
}

async function currentAccessToken(): Promise<string | undefined> {
  // getSession() refreshes an expired access token before returning it.
  // The client loads lazily (ADR 0067); any page that calls the API needs it anyway.
  const { data } = await (await loadSupabase()).auth.getSession();
  return data.session?.access_token;
}

/** Reads a failed `/api` response: our error shape when present, else a status-derived error. */
async function errorFromResponse(response: Response): Promise<ApiClientError> {
  const retryAfter = Number(response.headers.get('retry-after'));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  const headerRequestId = response.headers.get('x-request-id') ?? undefined;

  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const parsed = apiErrorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, details, requestId } = parsed.data.error;
    return new ApiClientError({
      status: response.status,
      code,
      message,
      details,
      requestId,
      retryAfterSeconds,
    });
  }
  return new ApiClientError({
    status: response.status,
    code: codeForStatus(response.status),
    requestId: headerRequestId,
    retryAfterSeconds,
  });
}

// Checked by name: the AbortError may come from another realm (DOMException of the fetch polyfill
// or of Node under test), where `instanceof` would be false.
function isAbort(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'name' in error && error.name === 'AbortError';
}

/**
 * Fetches `path` (same origin) and resolves with the response when it is 2xx — the body is left
 * unread so streams can be consumed. Rejects with `ApiClientError` otherwise; an aborted request
 * rejects with the original `AbortError` so callers can tell "stopped" from "failed".
 */
export async function apiFetch(path: ApiPath, init: ApiFetchInit = {}): Promise<Response> {
  const { json, headers: initHeaders, body, keepSessionOn401 = false, ...rest } = init;
  const headers = new Headers(initHeaders);
  const token = await currentAccessToken();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  if (!headers.has('Accept')) headers.set('Accept', 'application/json');
  if (json !== undefined) headers.set('Content-Type', 'application/json');

  let response: Response;
  try {
    response = await fetch(new URL(path, window.location.origin), {
      ...rest,
      headers,
      body: json !== undefined ? JSON.stringify(json) : body,
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw ApiClientError.network(error);
  }
  if (response.ok) return response;

  const error = await errorFromResponse(response);
  if (error.status === 401 && token && !keepSessionOn401) {
    // The token was rejected: drop this browser's session (scope "local" — asking the server to
    // revoke a token it no longer accepts would only fail). The session listener then routes the
    // user to sign in.
    await (await loadSupabase()).auth.signOut({ scope: 'local' });
  }
  throw error;
}

/** `apiFetch` for JSON endpoints: the response body is validated against `schema`. */
export async function apiJson<Schema extends z.ZodType>(
  path: ApiPath,
  schema: Schema,
  init: ApiFetchInit = {},
): Promise<z.output<Schema>> {
  const response = await apiFetch(path, init);
  const requestId = response.headers.get('x-request-id') ?? undefined;
  let body: unknown;
  try {
    body = await response.json();
  } catch (cause) {
    throw new ApiClientError({ status: response.status, code: 'INTERNAL', requestId, cause });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ApiClientError({
      status: response.status,
      code: 'INTERNAL',
      message: 'The server sent an answer this version of the app does not understand. Reload the page.',
      requestId,
      cause: parsed.error,
    });
  }
  return parsed.data;
}
