/**
 * Picks the rate limiter for this deploy. Today that is always Postgres. The Upstash backend
 * (DESIGN.md §6: Upstash when UPSTASH_REDIS_REST_URL is set, falling back to Postgres when it is
 * unreachable) plugs in here without touching the pipeline.
 */
import type { Queryable } from '../db';
import type { ServerEnv } from '../env';
import { PostgresRateLimiter } from './postgres-limiter';
import type { RateLimiter } from './rate-limiter';

export function selectLimiter(_env: ServerEnv, db: Queryable): RateLimiter {
  return new PostgresRateLimiter(db);
}
