/**
 * The caller's IP for per-IP rate limits. Netlify's context.ip is set by the platform and cannot be
 * forged; the headers are fallbacks for runtimes that do not provide it (local development), where
 * spoofing them gains nothing.
 */
export function clientIp(req: Request, platformIp: string | undefined): string {
  if (platformIp) return platformIp;
  const netlify = req.headers.get('x-nf-client-connection-ip');
  if (netlify) return netlify.trim();
  const forwarded = req.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || 'unknown';
}
