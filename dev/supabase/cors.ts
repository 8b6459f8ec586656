/**
 * CORS for the local API, answered by the gateway for /rest/v1 and /auth/v1 alike (reference
 * §1.13). The SPA runs on another origin, so browsers preflight; and they only let scripts read
 * response headers that are exposed — `Content-Range` (counts, pagination) and
 * `X-Supabase-Api-Version` (auth-js reads error codes only when it sees it) must be.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** supabase-js' own minimal list (`src/cors.ts`) plus the PostgREST request headers. */
const ALLOWED_HEADERS = [
  'authorization',
  'apikey',
  'x-client-info',
  'content-type',
  'accept',
  'accept-profile',
  'content-profile',
  'prefer',
  'range',
  'range-unit',
  'x-supabase-api-version',
  'x-retry-count',
  'traceparent',
  'tracestate',
  'baggage',
];

/** PostgREST's exposed headers plus GoTrue's. */
const EXPOSED_HEADERS = [
  'Content-Encoding',
  'Content-Location',
  'Content-Range',
  'Content-Type',
  'Date',
  'Location',
  'Server',
  'Transfer-Encoding',
  'Range-Unit',
  'Preference-Applied',
  'Proxy-Status',
  'X-Total-Count',
  'Link',
  'X-Supabase-Api-Version',
  'X-Sb-Error-Code',
].join(', ');

const ALLOWED_METHODS = 'GET, HEAD, POST, PATCH, PUT, DELETE, OPTIONS';
const PREFLIGHT_MAX_AGE_SECONDS = '86400';

/**
 * Sets the CORS headers every response carries. Any origin is allowed (like PostgREST and the
 * Supabase gateway); it is echoed rather than `*` because GoTrue allows credentials.
 */
export function applyCorsHeaders(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  res.setHeader('Access-Control-Allow-Origin', origin ?? '*');
  if (origin) {
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');
  }
  res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
}

export function isPreflight(req: IncomingMessage): boolean {
  return req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
}

/** Answers a preflight: the requested headers are allowed on top of the fixed list. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  const requested = (req.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  const allowed = [...new Set([...ALLOWED_HEADERS, ...requested])].join(', ');
  res.writeHead(204, {
    'Access-Control-Allow-Methods': ALLOWED_METHODS,
    'Access-Control-Allow-Headers': allowed,
    'Access-Control-Max-Age': PREFLIGHT_MAX_AGE_SECONDS,
    'Content-Length': '0',
  });
  res.end();
}
