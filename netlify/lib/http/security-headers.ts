/**
 * Headers on every API response. The API answers JSON or event streams only, so it can forbid
 * everything a browser could do with a response rendered as a page, and nothing may be cached:
 * answers are per user.
 */
export const apiSecurityHeaders: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'cache-control': 'no-store',
};
