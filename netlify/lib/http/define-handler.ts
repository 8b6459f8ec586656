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
import { authenticate, type AuthMode } from '../auth/authenticate';
import { requireStanding, sessionClaim } from '../auth/caller-standing';
import { getDb } from '../db';
import { serverEnv, type ServerEnv } from '../env';
import { callDeadline } from '../llm/deadline';
import { createLogger, type Logger } from '../observability/logger';
import { reportRequest } from '../observability/request-log';
import { enforceRateLimit, rateLimitOutcome } from '../rate-limit/enforce-rate-limit';
import { planRateLimit, type RateLimitOption } from '../rate-limit/policies';
import type { DeferredRateLimit } from '../rate-limit/rate-limiter';
import { selectLimiter } from '../rate-limit/select-limiter';
import { ApiError } from './api-error';
import { clientIp } from './client-ip';
import { corsHeaders, isOriginAllowed, preflightHeaders } from './cors';
import { MAX_BODY_BYTES, readRequestBody } from './read-body';
import { resolveRequestId } from './request-id';
import { errorResponse, jsonResponse } from './responses';
import { apiSecurityHeaders } from './security-headers';
import { toApiError } from './to-api-error';
import { parseRequestInput } from './validation';

export type { AuthMode };
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HandlerOptions {
  method: HttpMethod | readonly HttpMethod[];
  auth: AuthMode;
  /**
   * The function spends the caller's credits: a token whose session was signed out is refused at
   * once rather than when it expires (netlify/lib/auth/caller-standing.ts).
   */
  spendsCredits?: true;
  rateLimit?: RateLimitOption;
  /**
   * The handler checks the caller's standing (suspension, live session) and counts the `llm` limit
   * in its own first statement (`deferredRateLimit`, the gateway's billing.begin_call) when the
   * limiter is Postgres and the request parsed; otherwise the pipeline does both as for every
   * function. Saves two round trips per model call (ADR 0062, 0073). A handler that sets it must
   * make that statement before it spends anything.
   */
  deferRateLimit?: true;
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
  /**
   * Epoch ms by which work must be finished and settled: the request's start plus the platform's
   * limit for a synchronous function minus a margin (netlify/lib/llm/deadline.ts).
   */
  deadline: number;
  /** Set when the handler must count the rate limit itself (`deferRateLimit`). */
  deferredRateLimit: DeferredRateLimit | undefined;
}

export type Handler<O extends HandlerOptions> = (args: HandlerArgs<O>) => Promise<unknown>;

export type NetlifyHandler = (req: Request, context: Context) => Promise<Response>;

export function defineHandler<const O extends HandlerOptions>(
  options: O,
  handler: Handler<O>,
): NetlifyHandler {
  const methods: readonly string[] = typeof options.method === 'string' ? [options.method] : options.method;
  const allowHeader = [...methods, 'OPTIONS'].join(', ');
  const authChecks = { liveSession: options.spendsCredits === true };
  const bodyOptions = {
    readsBody: options.body !== undefined || options.rawBody === true,
    allowedContentTypes: options.allowedContentTypes ?? ['application/json'],
    maxBytes: options.maxBodyBytes ?? MAX_BODY_BYTES,
  };

  return async (req, context) => {
    const startedAt = performance.now();
    const receivedAt = Date.now();
    const requestId = resolveRequestId(req, context?.requestId);
    const url = new URL(req.url);
    let log = createLogger({ requestId });
    const headers = new Headers({ ...apiSecurityHeaders, 'x-request-id': requestId });
    const addHeaders = (extra: Record<string, string>) =>
      Object.entries(extra).forEach(([k, v]) => headers.set(k, v));
    let env: ServerEnv | undefined;
    let user: AuthUser | null = null;
    let failure: ApiError | undefined;
    let response: Response;

    try {
      env = serverEnv();
      const origin = req.headers.get('origin');
      const originAllowed = origin === null || isOriginAllowed(origin, url, env.ALLOWED_ORIGINS);
      // Set early so that even a 405 or 413 is readable by an allowed SPA.
      if (origin !== null && originAllowed) addHeaders(corsHeaders(origin));

      // Method. OPTIONS is the CORS preflight, answered by the CORS stage.
      if (req.method !== 'OPTIONS' && !methods.includes(req.method)) {
        throw new ApiError('METHOD_NOT_ALLOWED', `Use ${methods.join(' or ')} for this endpoint.`, {
          headers: { allow: allowHeader },
        });
      }

      const bodyText = await readRequestBody(req, bodyOptions);

      // CORS.
      if (!originAllowed)
        throw new ApiError('FORBIDDEN', 'This origin may not call the API.', { headers: { vary: 'Origin' } });
      if (req.method === 'OPTIONS') {
        addHeaders(origin === null ? { allow: allowHeader } : preflightHeaders(origin, methods));
        response = new Response(null, { status: 204 });
      } else {
        const db = getDb(env.DATABASE_URL);
        const rateLimit = options.rateLimit;
        const limiter = rateLimit === undefined ? undefined : selectLimiter(db, log);
        // The handler's first statement may check the caller's standing and count the `llm` limit
        // (the gateway's billing.begin_call, ADR 0062 / 0073): only with the Postgres limiter, and
        // only once the request parsed; otherwise both are the pipeline's, in the usual order.
        const mayDefer =
          options.deferRateLimit === true && options.auth === 'user' && limiter?.name === 'postgres';
        user = await authenticate(req, options.auth, env, db, { ...authChecks, standing: !mayDefer });
        if (user) log = log.child({ userId: user.id });

        const ip = clientIp(context?.ip);
        const parse = () => parseRequestInput(options, { bodyText, url, params: context?.params ?? {} });
        let input: ReturnType<typeof parse> | undefined;
        let deferred: (DeferredRateLimit & { consumed: boolean }) | undefined;
        const subject = { user, ip, db };
        const byPlan = mayDefer && rateLimit !== undefined ? planRateLimit(rateLimit, subject) : undefined;
        let parseError: unknown;
        if (byPlan) {
          try {
            input = parse();
          } catch (error) {
            parseError = error;
          }
        }
        if (byPlan && input && user) {
          const pending: DeferredRateLimit & { consumed: boolean } = {
            ...byPlan,
            authSessionId: authChecks.liveSession ? sessionClaim(user) : null,
            consumed: false,
            counted: (limit, counted) => {
              pending.consumed = true;
              addHeaders(rateLimitOutcome(limit, counted));
            },
            refusedUncounted: () => {
              pending.consumed = true;
            },
          };
          deferred = pending;
        } else {
          if (mayDefer && user) await requireStanding(db, user, { admin: false, ...authChecks });
          if (rateLimit !== undefined && limiter) {
            // Counted before the input is judged: a malformed request counts, and 429 comes first.
            addHeaders(await enforceRateLimit(limiter, rateLimit, subject, log));
          }
          if (parseError !== undefined) throw parseError;
        }
        input ??= parse();

        let result: unknown;
        try {
          result = await handler({
            req,
            context,
            requestId,
            log,
            env,
            db,
            user,
            ...input,
            rawBody: options.rawBody ? (bodyText ?? '') : undefined,
            ip,
            deadline: callDeadline(receivedAt, env.FUNCTION_TIMEOUT_SECONDS),
            deferredRateLimit: deferred,
          } as HandlerArgs<O>);
        } finally {
          // A handler that failed before its statement: the request still counts.
          if (deferred && !deferred.consumed && rateLimit !== undefined && limiter) {
            await enforceRateLimit(limiter, rateLimit, subject, log).catch(() => undefined);
          }
        }
        response =
          result instanceof Response
            ? result
            : result === undefined
              ? new Response(null, { status: 204 })
              : jsonResponse(result);
      }
    } catch (error) {
      failure = toApiError(error, requestId);
      response = errorResponse(failure, requestId);
    }

    response = withHeaders(response, headers);
    await reportRequest(log, env, {
      method: req.method,
      path: url.pathname,
      status: response.status,
      durationMs: Math.round(performance.now() - startedAt),
      userId: user?.id,
      requestId,
      failure,
      deployContext: context?.deploy?.context,
    });
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
