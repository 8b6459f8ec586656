/**
 * The error handlers throw. `message` is shown to the user as is, so it never carries internal
 * detail; that goes to the logs, keyed by request id. The pipeline turns it into the one error
 * shape of src/shared/api-error.ts.
 */
import { errorStatus, type ErrorCode } from '../../../src/shared/api-error';

export interface ApiErrorOptions {
  details?: unknown;
  /** Extra response headers, e.g. Retry-After for RATE_LIMITED or Allow for METHOD_NOT_ALLOWED. */
  headers?: Record<string, string>;
  /** The underlying error, logged (and sent to Sentry for 5xx) but never shown. */
  cause?: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly details: unknown;
  readonly headers: Record<string, string>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: ApiErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ApiError';
    this.status = errorStatus[code];
    this.details = options.details;
    this.headers = options.headers ?? {};
  }
}
