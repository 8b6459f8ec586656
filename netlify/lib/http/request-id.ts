/**
 * Every response carries `x-request-id`, and every log line and Sentry event of the request the
 * same id, so a user quoting it leads straight to the logs. An incoming id (from a proxy or the
 * SPA) is kept when it looks like an id; anything else is replaced, so clients cannot inject text
 * into the logs.
 */
const SANE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function resolveRequestId(req: Request, platformRequestId?: string): string {
  const incoming = req.headers.get('x-request-id');
  if (incoming && SANE_ID.test(incoming)) return incoming;
  if (platformRequestId && SANE_ID.test(platformRequestId)) return platformRequestId;
  return crypto.randomUUID();
}
