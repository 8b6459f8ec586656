/**
 * Rate limiting on Postgres (migration 20261121000100_create_rate_limiter): one upsert per request
 * in `ratelimit.hit`, atomic under concurrency because concurrent upserts of one key serialise on
 * its row. Needs nothing but the database every function already uses. Per-plan limits read the
 * plan in the same statement (`ratelimit.hit_for_user`, migration 20261121170000).
 */
import type { Queryable } from '../db';
import type { PlanRateLimitRule, RateLimitResult, RateLimitRule, RateLimiter } from './rate-limiter';

interface HitRow {
  allowed: boolean;
  remaining: number;
  reset_at: Date;
  retry_after_seconds: number;
}

const toResult = (row: HitRow): RateLimitResult => ({
  allowed: row.allowed,
  remaining: row.remaining,
  resetAt: row.reset_at,
  retryAfterSeconds: row.retry_after_seconds,
});

export class PostgresRateLimiter implements RateLimiter {
  readonly name = 'postgres';

  constructor(private readonly db: Queryable) {}

  async limit(key: string, rule: RateLimitRule): Promise<RateLimitResult> {
    const { rows } = await this.db.query<HitRow>(
      'select allowed, remaining, reset_at, retry_after_seconds from ratelimit.hit($1, $2, $3)',
      [key, rule.limit, rule.windowSeconds],
    );
    const row = rows[0];
    if (!row) throw new Error('ratelimit.hit returned no row');
    return toResult(row);
  }

  async limitByPlan(key: string, rule: PlanRateLimitRule): Promise<RateLimitResult & { limit: number }> {
    const { rows } = await this.db.query<HitRow & { request_limit: number }>(
      `select allowed, remaining, reset_at, retry_after_seconds, request_limit
         from ratelimit.hit_for_user($1, $2, $3, $4)`,
      [key, rule.userId, JSON.stringify(rule.limitsByPlan), rule.windowSeconds],
    );
    const row = rows[0];
    if (!row) throw new Error('ratelimit.hit_for_user returned no row');
    return { ...toResult(row), limit: row.request_limit };
  }

  async healthCheck(): Promise<void> {
    const { rows } = await this.db.query<{ ready: boolean }>(
      "select to_regprocedure('ratelimit.hit(text, integer, integer)') is not null as ready",
    );
    if (!rows[0]?.ready) throw new Error('ratelimit.hit is missing: migrations not applied');
  }

  /** Deletes buckets whose window has ended; returns how many. */
  async purgeExpired(): Promise<number> {
    const { rows } = await this.db.query<{ purged: number }>(
      'select ratelimit.purge_expired_buckets() as purged',
    );
    return rows[0]?.purged ?? 0;
  }
}
