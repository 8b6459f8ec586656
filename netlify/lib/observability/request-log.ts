/**
 * The pipeline's last stage: one structured log line per request, and Sentry for server errors
 * with the underlying cause (never the masked message the caller saw).
 */
import { EnvError, type ServerEnv } from '../env';
import type { ApiError } from '../http/api-error';
import type { Logger } from './logger';
import { captureServerError } from './sentry';

export interface RequestOutcome {
  method: string;
  path: string;
  status: number;
  durationMs: number;
  userId?: string;
  requestId: string;
  /** The error answered, if any. */
  failure?: ApiError;
  deployContext?: string;
}

export async function reportRequest(
  log: Logger,
  env: ServerEnv | undefined,
  outcome: RequestOutcome,
): Promise<void> {
  const { failure, requestId, deployContext, ...line } = outcome;
  if (outcome.status < 500) {
    log.info('request', { ...line, ...(failure ? { code: failure.code } : {}) });
    return;
  }
  const cause = failure?.cause ?? failure;
  log.error('request failed', {
    ...line,
    code: failure?.code,
    error: cause,
    ...(cause instanceof EnvError ? { problems: cause.problems } : {}),
  });
  // Without a parsed env there is no DSN to report to; the log line above is the record.
  if (!env || !failure) return;
  await captureServerError(env, cause, { ...line, requestId, deployContext }).catch((error: unknown) =>
    log.warn('sentry capture failed', { error }),
  );
}
