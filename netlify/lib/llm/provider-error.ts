/**
 * Provider failures, normalised. Each adapter turns its SDK's errors into a ProviderError; the
 * gateway maps the kind to the caller's error code and decides what to charge.
 */

export type ProviderFailure =
  /** The provider refused this request's content (a 400 or 422). */
  | 'rejected'
  /** The provider's own rate limit or overload (429, 529). */
  | 'rate_limited'
  /** Our key or configuration is wrong (401, 403, 404). */
  | 'misconfigured'
  /** The provider failed (5xx, mid-stream error, connection lost). */
  | 'failed'
  | 'timeout'
  /** The call reached its deadline, the function's time limit less the time to settle. */
  | 'deadline'
  /** We aborted the call (client gone and drain bound reached). */
  | 'aborted';

export class ProviderError extends Error {
  readonly kind: ProviderFailure;
  readonly status: number | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    kind: ProviderFailure,
    message: string,
    options: { status?: number; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ProviderError';
    this.kind = kind;
    this.status = options.status;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function failureForStatus(status: number): ProviderFailure {
  if (status === 400 || status === 413 || status === 422) return 'rejected';
  if (status === 429 || status === 529) return 'rate_limited';
  if (status === 401 || status === 403 || status === 404) return 'misconfigured';
  if (status === 408 || status === 504) return 'timeout';
  return 'failed';
}

/** Seconds from `retry-after-ms` or `retry-after` (seconds or an HTTP date). */
export function retryAfterSeconds(headers: Headers | undefined): number | undefined {
  if (!headers) return undefined;
  const ms = Number(headers.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return Math.ceil(ms / 1000);
  const raw = headers.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(1, Math.ceil(seconds));
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(1, Math.ceil((date - Date.now()) / 1000));
}

const isNamed = (error: unknown, names: string[]) =>
  error instanceof Error && (names.includes(error.name) || names.includes(error.constructor.name));

/** Errors every adapter sees the same way: our own abort and timeouts from AbortSignal.timeout. */
export function commonFailure(error: unknown, signal: AbortSignal): ProviderError | undefined {
  if (error instanceof ProviderError) return error;
  if (signal.aborted) return new ProviderError('aborted', 'The provider call was aborted.', { cause: error });
  if (isNamed(error, ['TimeoutError', 'APIConnectionTimeoutError'])) {
    return new ProviderError('timeout', 'The provider did not answer in time.', { cause: error });
  }
  return undefined;
}
