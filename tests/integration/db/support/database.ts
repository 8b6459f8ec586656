/**
 * Direct database access for the data-model tests: a superuser pool (DATABASE_URL), throw-away
 * auth users, and transactions run as an API role exactly the way PostgREST runs a request
 * (`set_config('role', ...)` and `request.jwt.claims`, transaction-local).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export type Db = pg.Pool | pg.PoolClient | pg.Client;

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run through vitest (tests/setup/global-setup.ts)');
  return url;
}

export function createPool(max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl(), max });
  pool.on('error', () => {});
  return pool;
}

export interface TestUser {
  id: string;
  email: string;
}

/** Inserts a confirmed auth user (firing the signup trigger, so with the free allowance) with a unique address. */
export async function createUser(db: Db, label = 'user'): Promise<TestUser> {
  const id = randomUUID();
  const email = `${label}-${id.slice(0, 8)}@test.local`;
  await db.query(
    `insert into auth.users (id, aud, role, email, email_confirmed_at, raw_user_meta_data, created_at, updated_at)
     values ($1, 'authenticated', 'authenticated', $2, now(), $3, now(), now())`,
    [id, email, JSON.stringify({ display_name: label })],
  );
  return { id, email };
}

export type ApiRole = 'anon' | 'authenticated' | 'service_role';

/**
 * Runs `fn` in one transaction as `role` (with `sub` as the JWT subject), committing on success
 * and rolling back on error, as PostgREST does per request.
 */
export async function asRole<T>(
  pool: pg.Pool,
  role: ApiRole,
  sub: string | null,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const claims = sub ? { sub, role, aud: 'authenticated' } : { role };
    await client.query("select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)", [
      role,
      JSON.stringify(claims),
    ]);
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

/** The Postgres error code of a rejected promise (or 'none' when it resolved). */
export async function sqlState(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'none';
  } catch (error) {
    return (error as { code?: string }).code ?? 'unknown';
  }
}
