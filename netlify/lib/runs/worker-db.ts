/**
 * The worker's own pool: one worker runs up to 16 steps at once, each writing deltas, heartbeats
 * and its finish, so it needs more connections than a request function (netlify/lib/db.ts).
 */
import pg from 'pg';
import { logger } from '../observability/logger';

const pools = new Map<string, pg.Pool>();

export function workerDb(databaseUrl: string): pg.Pool {
  let pool = pools.get(databaseUrl);
  if (!pool) {
    pool = new pg.Pool({
      connectionString: databaseUrl,
      max: 8,
      idleTimeoutMillis: 10_000,
      statement_timeout: 15_000,
      application_name: 'run-worker',
    });
    pool.on('error', (error) => logger.warn('idle run-worker database client failed', { error }));
    pools.set(databaseUrl, pool);
  }
  return pool;
}
