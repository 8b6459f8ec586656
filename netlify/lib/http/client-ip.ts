/**
 * The caller's IP for per-IP rate limits: Netlify's `context.ip`, which the platform sets from the
 * connection and a client cannot forge (the local runner sets it from the socket, as Netlify's own
 * dev server does). Request headers are never believed — X-Forwarded-For is the client's to write,
 * so trusting it would give every request its own bucket. Without a platform IP, all such callers
 * share one bucket: stricter, never looser.
 */
export function clientIp(platformIp: string | undefined): string {
  return platformIp || 'unknown';
}
