/**
 * Error reporting to Sentry, loaded only when a DSN is configured: deployments without Sentry do
 * not download it, and those with it load it after the first render instead of before.
 */
import type * as SentryBrowser from './sentry-browser';

type SentryModule = typeof SentryBrowser;

let sentry: Promise<SentryModule> | undefined;

export function initErrorReporting(options: { dsn: string | undefined; environment: string }) {
  if (!options.dsn || sentry) return;
  const { dsn, environment } = options;
  sentry = import('./sentry-browser').then((module) => {
    // Errors only: no tracing or session-replay integrations are added.
    module.init({ dsn, environment });
    return module;
  });
}

/** Reports an error (queued until Sentry has loaded); a no-op when Sentry is not configured. */
export function reportError(error: unknown, extra?: Record<string, unknown>) {
  void sentry?.then((module) => module.captureException(error, extra ? { extra } : undefined));
}
