/**
 * The error every data call in the SPA throws: `/api` functions (their shared error shape),
 * Supabase queries (PostgREST errors) and network failures all become an `ApiClientError`, so a
 * component, a toast or the retry policy needs to understand one type only.
 */
import { errorStatus, type ErrorCode } from '@/shared/error-codes';

/** What the user is told when the server gave no message of its own (or we must not show it). */
const fallbackMessages: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'Some of the information sent was not valid. Check it and try again.',
  UNAUTHENTICATED: 'Your session has ended. Please sign in again.',
  INSUFFICIENT_CREDITS: 'You do not have enough credits for this. Buy a token pack or upgrade your plan.',
  FORBIDDEN: 'You do not have permission to do that.',
  NOT_FOUND: 'We could not find what you were looking for.',
  METHOD_NOT_ALLOWED: 'That action is not supported.',
  CONFLICT: 'That clashes with a change made elsewhere. Refresh and try again.',
  PAYLOAD_TOO_LARGE: 'That is too large to send.',
  UNSUPPORTED_MEDIA_TYPE: 'That kind of content is not supported.',
  RATE_LIMITED: 'Too many requests. Please wait a moment and try again.',
  INTERNAL: 'Something went wrong on our side. Please try again.',
  UPSTREAM_FAILED: 'An upstream service failed to answer. Please try again.',
  UNAVAILABLE: 'We could not reach the service. Check your connection and try again.',
};

const codeByStatus = new Map<number, ErrorCode>(
  (Object.entries(errorStatus) as [ErrorCode, number][]).map(([code, status]) => [status, code]),
);

/** The closest error code for an HTTP status that came without our error body. */
export function codeForStatus(status: number): ErrorCode {
  const exact = codeByStatus.get(status);
  if (exact) return exact;
  if (status === 0) return 'UNAVAILABLE';
  if (status === 504) return 'UPSTREAM_FAILED';
  if (status >= 400 && status < 500) return 'VALIDATION_FAILED';
  return 'INTERNAL';
}

export interface ApiClientErrorInit {
  status: number;
  code: ErrorCode;
  message?: string;
  details?: unknown;
  requestId?: string | undefined;
  retryAfterSeconds?: number | undefined;
  cause?: unknown;
}

export class ApiClientError extends Error {
  override readonly name = 'ApiClientError';
  /** HTTP status; 0 when the request never got an answer. */
  readonly status: number;
  readonly code: ErrorCode;
  readonly details: unknown;
  /** The server's request id, to quote to support; absent when the server did not send one. */
  readonly requestId: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(init: ApiClientErrorInit) {
    super(init.message ?? fallbackMessages[init.code], { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.requestId = init.requestId;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }

  /** True for 4xx answers: the same request will fail the same way, so it is not retried. */
  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500;
  }

  static network(cause: unknown): ApiClientError {
    return new ApiClientError({ status: 0, code: 'UNAVAILABLE', cause });
  }
}

export function isApiClientError(error: unknown): error is ApiClientError {
  return error instanceof ApiClientError;
}

/** Errors the user did not cause and cannot fix by retrying the same input are not 4xx. */
export function isClientError(error: unknown): boolean {
  return isApiClientError(error) && error.isClientError;
}
