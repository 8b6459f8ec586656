/**
 * CORS with an allow-list. The SPA is normally served from the same origin as the functions
 * (Netlify serves both), so same-origin requests are always allowed — which also covers every
 * deploy preview's own URL — and ALLOWED_ORIGINS lists the other origins that may call the API.
 * Requests without an Origin header (server to server, Stripe) are not CORS requests at all.
 * Credentials are never allowed: the API authenticates with bearer tokens, not cookies.
 */
export function isOriginAllowed(origin: string, requestUrl: URL, allowedOrigins: readonly string[]): boolean {
  return origin === requestUrl.origin || allowedOrigins.includes(origin);
}

const exposedHeaders = [
  'x-request-id',
  'retry-after',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
];

/** Headers added to the responses of an allowed cross-origin request. */
export function corsHeaders(origin: string): Record<string, string> {
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': exposedHeaders.join(', '),
    vary: 'Origin',
  };
}

const allowedRequestHeaders = ['authorization', 'content-type', 'x-request-id', 'x-client-info', 'apikey'];

/** The answer to a preflight from an allowed origin. */
export function preflightHeaders(origin: string, methods: readonly string[]): Record<string, string> {
  return {
    ...corsHeaders(origin),
    'access-control-allow-methods': [...methods, 'OPTIONS'].join(', '),
    'access-control-allow-headers': allowedRequestHeaders.join(', '),
    'access-control-max-age': '600',
  };
}
