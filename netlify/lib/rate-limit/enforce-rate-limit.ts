/**
 * The pipeline's rate-limit stage. A limiter that fails refuses the request with 503: an outage of
 * the limiter must never turn into unlimited access (the earlier implementation's worst flaw).
 */
import { ApiError } from '../http/api-error';
import type { Logger } from '../observability/logger';
import { resolveRateLimit, type RateLimitOption, type RateLimitSubject } from './policies';
import type { RateLimiter } from './rate-limiter';

/** Returns the RateLimit-* headers for the response, or throws 429 / 503. */
export async function enforceRateLimit(
  limiter: RateLimiter,
  option: RateLimitOption,
  subject: RateLimitSubject,
  log: Logger,
): Promise<Record<string, string>> {
  let headers: Record<string, string>;
  let result;
  try {
    const rule = await resolveRateLimit(option, subject);
    result = await limiter.limit(rule.key, rule);
    const resetSeconds = Math.max(0, Math.ceil((result.resetAt.getTime() - Date.now()) / 1000));
    headers = {
      'ratelimit-limit': String(rule.limit),
      'ratelimit-remaining': String(result.remaining),
      'ratelimit-reset': String(resetSeconds),
    };
  } catch (error) {
    log.error('rate limiter failed', { limiter: limiter.name, error });
    throw new ApiError('UNAVAILABLE', 'The service is busy. Please try again shortly.', {
      headers: { 'retry-after': '5' },
      cause: error,
    });
  }
  if (!result.allowed) {
    throw new ApiError('RATE_LIMITED', 'Too many requests. Please slow down.', {
      details: { retryAfterSeconds: result.retryAfterSeconds },
      headers: { ...headers, 'retry-after': String(result.retryAfterSeconds) },
    });
  }
  return headers;
}
