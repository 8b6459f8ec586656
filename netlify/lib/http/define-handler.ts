/**
 * The one pipeline every HTTP function goes through (CONVENTIONS.md "Functions: one pipeline"):
 *
 *   request id → error mapping → method → body size and content type → CORS and security headers
 *   → auth → rate limit → Zod parse → handler → structured log + Sentry for 5xx
 *
 * Handlers receive parsed, typed input and return plain data (200 JSON), `undefined` (204) or a
 * `Response` (streams, other statuses); they throw ApiError for anything the caller should see.
 */
import type { Context } from '@netlify/functions';
import type pg from 'pg';
import type { z } from 'zod';
import type { AuthUser } from '../auth/auth-user';
import { requireAdmin } from '../auth/require-admin';
import { bearerToken, verifyAccessToken } from '../auth/verify-access-token';
import { getDb } from '../db';
import { EnvError, serverEnv, type ServerEnv } from '../env';
import { createLogger, type Logger } from '../observability/logger';
import { captureServerError } from '../observability/sentry';
import { enforceRateLimit } from '../rate-limit/enforce-rate-limit';
import type { RateLimitOption } from '../rate-limit/policies';
import { selectLimiter } from '../rate-limit/select-limiter';
import { ApiError } from './api-error';
import { clientIp } from './client-ip';
import { corsHeaders, isOriginAllowed, preflightHeaders } from './cors';
import { MAX_BODY_BYTES, assertContentType, decodeUtf8, readLimitedBody } from './read-body';
import { resolveRequestId } from './request-id';
import { errorResponse, jsonResponse } from './responses';
import { apiSecurityHeaders } from './security-headers';
import { toApiError } from './to-api-error';
import { parseInput, parseJson, queryObject } from './validation';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type AuthMode = 'user' | 'admin' | 'none';

export interface HandlerOptions {
  method: HttpMethod | readonly HttpMethod[];
  auth: AuthMode;
  rateLimit?: RateLimitOption;
  /** Schema of the JSON body; without it a body is not read. */
  body?: z.ZodType;
  query?: z.ZodType;
  /** Schema of the path parameters of `config.path` (context.params). */
  params?: z.ZodType;
  /** Hand the body over as text, unparsed (webhook signatures are computed on the raw bytes). */
  rawBody?: true;
  /** Accepted media types of a body; JSON unless said. */
  allowedContentTypes?: readonly string[];
  /** Body size limit in bytes; 1 MB unless said. */
  maxBodyBytes?: number;
}

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface HandlerArgs<O extends HandlerOptions> {
  req: Request;
  context: Context;
  requestId: string;
  /** Logger whose lines carry the request id (and user id once known). */
  log: Logger;
  env: ServerEnv;
  /** Shared pool on DATABASE_URL; see netlify/lib/db.ts for when to use it. */
  db: pg.Pool;
  user: O['auth'] extends 'none' ? null : AuthUser;
  body: Parsed<O['body']>;
  rawBody: O['rawBody'] extends true ? string : undefined;
  query: Parsed<O['query']>;
  params: O['params'] extends z.ZodType ? z.output<O['params']> : Record<string, string>;
  /** The caller's IP (per-IP limits, audit logs). */
  ip: string;
}

export type Handler<O extends HandlerOptions> = (args: HandlerArgs<O>) => Promise<unknown>;

export type NetlifyHandler = (req: Request, context: Context) => Promise<Response>;

// Bodies of these are ignored (fetch refuses to send one with GET or HEAD).
const bodylessMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function defineHandler<const O extends HandlerOptions>(options: O, handler: Handler<O>): NetlifyHandler {
  const methods: readonly string[] = typeof options.method === 'string' ? [options.method] : options.method;
  const allowHeader = [...methods, 'OPTIONS'].join(', ');
  const allowedContentTypes = options.allowedContentTypes ?? ['application/json'];
  const readsBody = options.body !== undefined || options.rawBody === true;

  return async (req, context) => {
    const startedAt = performance.now();
    const requestId = resolveRequestId(req, context?.requestId);
    const url = new URL(req.url);
    let log = createLogger({ requestId });
    const responseHeaders = new Headers({ ...apiSecurityHeaders, 'x-request-id': requestId });
    let env: ServerEnv | undefined;
    let userId: string | undefined;
    let failure: ApiError | undefined;
    let response: Response;

    try {
      env = serverEnv();
      const origin = req.headers.get('origin');
      const originAllowed = origin === null || isOriginAllowed(origin, url, env.ALLOWED_ORIGINS);
      // Set early so that even a 405 or 413 is readable by an allowed SPA.
      if (origin !== null && originAllowed) for (const [k, v] of Object.entries(corsHeaders(origin))) responseHeaders.set(k, v);

      // Method. OPTIONS is the CORS preflight, answered by the CORS stage below.
      if (req.method !== 'OPTIONS' && !methods.includes(req.method)) {
        throw new ApiError('METHOD_NOT_ALLOWED', `Use ${methods.join(' or ')} for this endpoint.`, {
          headers: { allow: allowHeader },
        });
      }

      // Size and content type.
      let bodyText: string | undefined;
      if (readsBody && !bodylessMethods.has(req.method)) {
        const bytes = await readLimitedBody(req, options.maxBodyBytes ?? MAX_BODY_BYTES);
        if (bytes.byteLength > 0) {
          assertContentType(req, allowedContentTypes);
          bodyText = decodeUtf8(bytes);
        }
      } else if (Number(req.headers.get('content-length') ?? 0) > (options.maxBodyBytes ?? MAX_BODY_BYTES)) {
        await readLimitedBody(req, options.maxBodyBytes ?? MAX_BODY_BYTES);
      }

      // CORS.
      if (!originAllowed) throw new ApiError('FORBIDDEN', 'This origin may not call the API.', { headers: { vary: 'Origin' } });
      if (req.method === 'OPTIONS') {
        const headers = origin === null ? { allow: allowHeader } : preflightHeaders(origin, methods);
        for (const [k, v] of Object.entries(headers)) responseHeaders.set(k, v);
        response = new Response(null, { status: 204 });
      } else {
        // Auth.
        const db = getDb(env.DATABASE_URL);
        let user: AuthUser | null = null;
        if (options.auth !== 'none') {
          user = await verifyAccessToken(bearerToken(req), env);
          userId = user.id;
          log = log.child({ userId });
          if (options.auth === 'admin') await requireAdmin(db, user);
        }

        // Rate limit.
        const ip = clientIp(req, context?.ip);
        if (options.rateLimit !== undefined) {
          const limitHeaders = await enforceRateLimit(selectLimiter(env, db), options.rateLimit, { user, ip, db }, log);
          for (const [k, v] of Object.entries(limitHeaders)) responseHeaders.set(k, v);
        }

        // Zod parse.
        const body = options.body
          ? parseInput(options.body, bodyText === undefined ? undefined : parseJson(bodyText), 'request body')
          : undefined;
        const query = options.query ? parseInput(options.query, queryObject(url), 'query parameters') : undefined;
        const rawParams = context?.params ?? {};
        const params = options.params ? parseInput(options.params, rawParams, 'path parameters') : rawParams;

        // Handler.
        const result = await handler({
          req,
          context,
          requestId,
          log,
          env,
          db,
          user,
          body,
          rawBody: options.rawBody ? (bodyText ?? '') : undefined,
          query,
          params,
          ip,
        } as HandlerArgs<O>);
        response =
          result instanceof Response ? result : result === undefined ? new Response(null, { status: 204 }) : jsonResponse(result);
      }
    } catch (error) {
      failure = toApiError(error, requestId);
      response = errorResponse(failure, requestId);
    }

    response = withHeaders(response, responseHeaders);
    const durationMs = Math.round(performance.now() - startedAt);
    const line = { method: req.method, path: url.pathname, status: response.status, durationMs, userId };
    if (response.status >= 500) {
      const cause = failure?.cause ?? failure;
      log.error('request failed', { ...line, error: cause, ...(cause instanceof EnvError ? { problems: cause.problems } : {}) });
      if (env && failure) {
        await captureServerError(env, cause, {
          requestId,
          method: req.method,
          path: url.pathname,
          status: response.status,
          userId,
          deployContext: context?.deploy?.context,
        }).catch((error: unknown) => log.warn('sentry capture failed', { error }));
      }
    } else {
      log.info('request', line);
    }
    return response;
  };
}

/**
 * Adds the pipeline's headers to a response without overriding what the handler set (a stream may
 * set its own cache-control). A fresh Response is built because a Response from fetch() has
 * immutable headers.
 */
function withHeaders(response: Response, extra: Headers): Response {
  const headers = new Headers(response.headers);
  extra.forEach((value, key) => {
    if (!headers.has(key)) headers.set(key, value);
  });
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
