/** Hourly cleanup of stale Postgres rate-limit buckets (one row per key ever seen otherwise). */
import { getDb } from '../db';
import { createLogger } from '../observability/logger';
import { PostgresRateLimiter } from './postgres-limiter';

export async function purgeExpiredRateLimits(): Promise<Response> {
  const log = createLogger({ job: 'rate-limit-cleanup' });
  try {
    const purged = await new PostgresRateLimiter(getDb()).purgeExpired();
    log.info('purged expired rate-limit buckets', { purged });
    return new Response(null, { status: 204 });
  } catch (error) {
    log.error('rate-limit cleanup failed', { error });
    return new Response(null, { status: 500 });
  }
}
