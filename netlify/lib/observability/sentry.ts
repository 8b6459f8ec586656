/**
 * Error reporting for functions through @sentry/node, active only when SENTRY_DSN is set. Only
 * server errors (5xx) are reported: client errors are expected traffic, not defects.
 */
import * as Sentry from '@sentry/node';
import type { ServerEnv } from '../env';
import { scrubEvent, scrubValue } from './scrub';

let initializedDsn: string | undefined;

function ensureInitialized(env: ServerEnv, deployContext: string | undefined): boolean {
  if (!env.SENTRY_DSN) return false;
  if (initializedDsn === env.SENTRY_DSN) return true;
  Sentry.init({
    dsn: env.SENTRY_DSN,
    environment: env.SENTRY_ENVIRONMENT ?? deployContext,
    release: env.APP_VERSION,
    // Collect as little as possible; beforeSend scrubs whatever still gets through.
    dataCollection: {
      userInfo: false,
      cookies: false,
      httpHeaders: false,
      httpBodies: [],
      urlQueryParams: false,
      genAI: { inputs: false, outputs: false },
    },
    // Errors only; tracing would add a span exporter to every cold start for little gain here.
    tracesSampleRate: 0,
    beforeSend: (event) => scrubEvent(event),
    beforeBreadcrumb: (breadcrumb) => scrubValue(breadcrumb) as typeof breadcrumb,
  });
  initializedDsn = env.SENTRY_DSN;
  return true;
}

export interface ServerErrorContext {
  requestId: string;
  method: string;
  path: string;
  status: number;
  userId?: string;
  /** Netlify's deploy context (production, deploy-preview, branch-deploy), the default environment. */
  deployContext?: string;
}

/**
 * Reports a server error and waits (bounded) for it to be sent: a function's process may be frozen
 * as soon as the response is returned, which would lose an event still queued.
 */
export async function captureServerError(
  env: ServerEnv,
  error: unknown,
  context: ServerErrorContext,
): Promise<void> {
  if (!ensureInitialized(env, context.deployContext)) return;
  Sentry.withScope((scope) => {
    scope.setTag('requestId', context.requestId);
    scope.setTag('status', String(context.status));
    scope.setContext('request', { method: context.method, path: context.path });
    if (context.userId) scope.setUser({ id: context.userId });
    Sentry.captureException(error);
  });
  await Sentry.flush(2000);
}
