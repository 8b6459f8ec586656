/**
 * Direct, pooled Postgres access for functions (DATABASE_URL; in production Supabase's pooler in
 * transaction mode, port 6543).
 *
 * Why not only supabase-js through PostgREST (decision worth its ADR):
 * - Money moves through `security definer` functions in private schemas (`billing`), granted to
 *   service_role only; calling them over a direct connection needs no service-role key in flight
 *   and lets them share the caller's transaction.
 * - A Stripe webhook, a credit settlement or an account deletion must run several statements in
 *   one transaction; PostgREST gives one statement per request.
 * - Rate limiting and the admin check run on every request; one pooled round trip is cheaper than
 *   an HTTP call.
 * User-data statements run as the user under RLS through `asUser` (db-as-user.ts); this pool alone
 * is for service actions.
 */
import pg from 'pg';
import { serverEnv } from './env';
import { logger } from './observability/logger';

/** Anything that can run a query: the pool or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'>;

// One pool per URL (tests switch DATABASE_URL). Sized for an instance serving concurrent requests
// (netlify dev, a long-lived instance; ADR 0062): a model call holds a connection for each of its
// three statements, and while the event loop is busy with other requests a connection stays held
// until its result is read. With 32 concurrent calls, 3 connections made pool waits ~90 % of the
// handler's time (p50 39 ms of 192 ms); 10 cut the wait to 10 ms (bench/llm-gateway --breakdown).
// Idle connections close after 10 s, and the Supabase pooler does the fan-in behind it.
const pools = new Map<string, pg.Pool>();

export function getDb(databaseUrl = serverEnv().DATABASE_URL): pg.Pool {
  let pool = pools.get(databaseUrl);
  if (!pool) {
    pool = new pg.Pool({
      connectionString: databaseUrl,
      max: 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 10_000,
      statement_timeout: 15_000,
      application_name: 'netlify-functions',
    });
    // An idle client losing its connection must not crash the function instance.
    pool.on('error', (error) => logger.warn('idle database client failed', { error }));
    pools.set(databaseUrl, pool);
  }
  return pool;
}

/** Closes every pool (tests, graceful shutdown). */
export async function closeDbPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((pool) => pool.end()));
}

/** Runs `fn` in one transaction on one connection: commit on success, rollback on any error. */
export async function withTransaction<T>(db: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await db.connect();
  try {
    await client.query('begin');
    const result = await fn(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
