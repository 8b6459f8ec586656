/**
 * Rate limiting on Upstash Redis with `@upstash/ratelimit` (sliding window), used when
 * UPSTASH_REDIS_REST_URL is set. Every failure throws, including the SDK's own timeout, which
 * would otherwise let the request through: the caller falls back to Postgres, never to "allow".
 */
import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';
import type { UpstashEnv } from '../env';
import type { RateLimitResult, RateLimitRule, RateLimiter } from './rate-limiter';

export interface UpstashLimiterOptions {
  url: string;
  token: string;
  /** Per Redis call; a slow limiter costs every request this much before the fallback runs. */
  timeoutMs?: number;
  /** Key prefix in Redis, so several deploys can share one database. */
  prefix?: string;
}

export class UpstashRateLimiter implements RateLimiter {
  readonly name = 'upstash';
  private readonly redis: Redis;
  private readonly prefix: string;
  // One Ratelimit per (limit, window): the algorithm is fixed when it is built.
  private readonly limiters = new Map<string, Ratelimit>();

  constructor(options: UpstashLimiterOptions) {
    const timeoutMs = options.timeoutMs ?? 1_000;
    this.prefix = options.prefix ?? 'ratelimit';
    this.redis = new Redis({
      url: options.url,
      token: options.token,
      retry: { retries: 1, backoff: () => 25 },
      signal: () => AbortSignal.timeout(timeoutMs),
      enableTelemetry: false,
    });
  }

  private limiterFor(rule: RateLimitRule): Ratelimit {
    const id = `${rule.limit}/${rule.windowSeconds}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = new Ratelimit({
        redis: this.redis,
        limiter: Ratelimit.slidingWindow(rule.limit, `${rule.windowSeconds} s`),
        prefix: this.prefix,
        // 0 disables the SDK's "allow on timeout"; the Redis client's signal bounds each call.
        timeout: 0,
        analytics: false,
      });
      this.limiters.set(id, limiter);
    }
    return limiter;
  }

  async limit(key: string, rule: RateLimitRule): Promise<RateLimitResult> {
    const result = await this.limiterFor(rule).limit(key);
    if (result.reason === 'timeout') throw new Error('Upstash rate limiter timed out');
    const retryAfterSeconds = result.success ? 0 : Math.max(1, Math.ceil((result.reset - Date.now()) / 1000));
    return {
      allowed: result.success,
      remaining: Math.max(0, result.remaining),
      resetAt: new Date(result.reset),
      retryAfterSeconds,
    };
  }

  async healthCheck(): Promise<void> {
    await this.redis.ping();
  }
}

const instances = new Map<string, UpstashRateLimiter>();

/**
 * The Upstash limiter of this deploy, or undefined when Upstash is not configured (`upstashEnv()`
 * refuses half a configuration). Reused across requests so its connection and ephemeral block
 * cache stay warm.
 */
export function upstashLimiterFor(upstash: UpstashEnv | undefined) {
  if (!upstash) return undefined;
  const id = `${upstash.url}|${upstash.token}`;
  let limiter = instances.get(id);
  if (!limiter) {
    limiter = new UpstashRateLimiter(upstash);
    instances.set(id, limiter);
  }
  return limiter;
}
