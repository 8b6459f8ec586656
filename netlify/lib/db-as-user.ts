/**
 * User-data statements run as the user, the way PostgREST runs a request: in one transaction with
 * `role = authenticated` and the verified token's claims in `request.jwt.claims`, both
 * transaction-local. RLS then decides what the statement may see and change, on the functions' path
 * exactly as on the SPA's; ownership is never re-written as `where user_id = $1` in TypeScript.
 *
 * The service-level pool (`getDb()` used directly) is for service actions only: the money
 * functions in `billing`, the run engine's worker bookkeeping, webhooks, schedules and admin
 * actions. Say which one in a comment where you use it.
 */
import type pg from 'pg';
import type { AuthUser } from './auth/auth-user';

/** What `asUser` needs of the caller: the verified claims (sub, role, session_id, …). */
export type DbCaller = Pick<AuthUser, 'id' | 'claims'>;

/**
 * Runs `fn` in one transaction as `caller` (RLS applies), committing on success and rolling back on
 * any error. `begin` and the role/claims settings travel in one round trip: the claims are a
 * literal escaped by the driver, because a simple-protocol batch cannot carry parameters.
 */
export async function asUser<T>(
  db: pg.Pool,
  caller: DbCaller,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await db.connect();
  try {
    const claims = JSON.stringify({ ...caller.claims, sub: caller.id, role: 'authenticated' });
    await client.query(
      `begin; select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${client.escapeLiteral(claims)}, true)`,
    );
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

/**
 * Inside an `asUser` transaction, goes back to the connection's own (service) role for the rest of
 * it: for the service records that must commit atomically with the user's own rows (the agents
 * function's answer placeholder and extracted attachment text beside the user's prompt). Say why
 * where you use it; everything before it ran under RLS.
 */
export async function continueAsService(client: pg.PoolClient): Promise<void> {
  await client.query('reset role');
}

/**
 * Inside a transaction that began at service level, becomes `caller` for the rest of it (RLS
 * applies from here on): for a service action that must commit atomically with the user's rows
 * and come first (the team-run start takes the run's budget hold, then records the conversation
 * and its team as the user). Say why where you use it.
 */
export async function continueAsUser(client: pg.PoolClient, caller: DbCaller): Promise<void> {
  const claims = JSON.stringify({ ...caller.claims, sub: caller.id, role: 'authenticated' });
  await client.query(
    "select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)",
    [claims],
  );
}
