/**
 * A primary limiter with a fallback (DESIGN.md §6): Upstash when configured, Postgres when
 * Upstash fails. When both fail the error reaches the pipeline, which refuses with 503.
 */
import { logger as processLogger, type Logger } from '../observability/logger';
import type { RateLimitResult, RateLimitRule, RateLimiter } from './rate-limiter';

export class FallbackRateLimiter implements RateLimiter {
  readonly name: string;

  /** `log` is the request's logger, so that a fallback is traced to the request it served. */
  constructor(
    private readonly primary: RateLimiter,
    private readonly fallback: RateLimiter,
    private readonly log: Logger = processLogger,
  ) {
    this.name = `${primary.name}+${fallback.name}`;
  }

  async limit(key: string, rule: RateLimitRule): Promise<RateLimitResult> {
    try {
      return await this.primary.limit(key, rule);
    } catch (error) {
      this.log.warn('rate limiter failed, using the fallback', {
        limiter: this.primary.name,
        fallback: this.fallback.name,
        error,
      });
      return this.fallback.limit(key, rule);
    }
  }

  /** Healthy while requests can be limited, i.e. either backend answers. */
  async healthCheck(): Promise<void> {
    try {
      await this.primary.healthCheck();
    } catch (error) {
      this.log.warn('primary rate limiter unreachable', { limiter: this.primary.name, error });
      await this.fallback.healthCheck();
    }
  }
}
