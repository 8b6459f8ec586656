/**
 * Picks the rate limiter for this deploy (DESIGN.md §6): Upstash when UPSTASH_REDIS_REST_URL is
 * set, falling back to Postgres when Upstash fails; Postgres alone otherwise.
 */
import type { Queryable } from '../db';
import { upstashEnv } from '../env';
import type { Logger } from '../observability/logger';
import { FallbackRateLimiter } from './fallback-limiter';
import { PostgresRateLimiter } from './postgres-limiter';
import type { RateLimiter } from './rate-limiter';
import { upstashLimiterFor } from './upstash';

export function selectLimiter(db: Queryable, log?: Logger): RateLimiter {
  const postgres = new PostgresRateLimiter(db);
  // Half an Upstash configuration throws EnvError here: refused like any misconfiguration, never
  // silently served by Postgres alone.
  const upstash = upstashLimiterFor(upstashEnv());
  return upstash ? new FallbackRateLimiter(upstash, postgres, log) : postgres;
}
