/**
 * The pipeline's rate-limit stage. A limiter that fails refuses the request with 503: an outage of
 * the limiter must never turn into unlimited access (the earlier implementation's worst flaw).
 */
import { ApiError } from '../http/api-error';
import type { Logger } from '../observability/logger';
import { planRateLimit, resolveRateLimit, type RateLimitOption, type RateLimitSubject } from './policies';
import type { RateLimitResult, RateLimiter } from './rate-limiter';

async function countRequest(
  limiter: RateLimiter,
  option: RateLimitOption,
  subject: RateLimitSubject,
  log: Logger,
): Promise<{ limit: number; result: RateLimitResult }> {
  try {
    const byPlan = limiter.limitByPlan ? planRateLimit(option, subject) : undefined;
    if (byPlan && limiter.limitByPlan) {
      const { limit, ...result } = await limiter.limitByPlan(byPlan.key, byPlan.rule);
      return { limit, result };
    }
    const rule = await resolveRateLimit(option, subject);
    return { limit: rule.limit, result: await limiter.limit(rule.key, rule) };
  } catch (error) {
    log.error('rate limiter failed', { limiter: limiter.name, error });
    throw new ApiError('UNAVAILABLE', 'The service is busy. Please try again shortly.', {
      headers: { 'retry-after': '5' },
      cause: error,
    });
  }
}

/** The RateLimit-* headers of a counted request; throws 429 when it was refused. */
export function rateLimitOutcome(limit: number, result: RateLimitResult): Record<string, string> {
  const headers = {
    'ratelimit-limit': String(limit),
    'ratelimit-remaining': String(result.remaining),
    'ratelimit-reset': String(Math.max(0, Math.ceil((result.resetAt.getTime() - Date.now()) / 1000))),
  };
  if (!result.allowed) {
    throw new ApiError('RATE_LIMITED', 'Too many requests. Please slow down.', {
      details: { retryAfterSeconds: result.retryAfterSeconds },
      headers: { ...headers, 'retry-after': String(result.retryAfterSeconds) },
    });
  }
  return headers;
}

/** Returns the RateLimit-* headers for the response, or throws 429 / 503. */
export async function enforceRateLimit(
  limiter: RateLimiter,
  option: RateLimitOption,
  subject: RateLimitSubject,
  log: Logger,
): Promise<Record<string, string>> {
  const { limit, result } = await countRequest(limiter, option, subject, log);
  return rateLimitOutcome(limit, result);
}
