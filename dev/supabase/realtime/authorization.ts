/**
 * Private-channel authorisation exactly as Realtime does it (Realtime.Tenants.Authorization):
 * inside a transaction that is always rolled back, insert probe rows into realtime.messages for
 * the topic, become the user's role with their claims, and see which probes the SELECT policies
 * let through (read) or whether an INSERT passes the WITH CHECK policies (write).
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { JwtClaims } from '../jwt';

export type Extension = 'broadcast' | 'presence';

export interface AuthorizationContext {
  topic: string;
  role: string;
  claims: JwtClaims;
  headers: Record<string, string>;
}

export class PolicyError extends Error {}

function configCall(context: AuthorizationContext): { text: string; values: string[] } {
  return {
    text: `select set_config('role', $1, true), set_config('realtime.topic', $2, true),
                  set_config('request.jwt.claims', $3, true), set_config('request.jwt.claim.sub', $4, true),
                  set_config('request.jwt.claim.role', $1, true), set_config('request.headers', $5, true)`,
    values: [
      context.role,
      context.topic,
      JSON.stringify(context.claims),
      typeof context.claims.sub === 'string' ? context.claims.sub : '',
      JSON.stringify(context.headers),
    ],
  };
}

async function rolledBack<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('rollback');
    client.release();
    return result;
  } catch (error) {
    await client.query('rollback').then(
      () => client.release(),
      (rollbackError: Error) => client.release(rollbackError),
    );
    throw new PolicyError((error as Error).message);
  }
}

/** Which extensions the user may read on the topic. A failing policy counts as "no". */
export async function readPolicies(
  pool: pg.Pool,
  context: AuthorizationContext,
  extensions: Extension[],
): Promise<Record<Extension, boolean>> {
  const probes = extensions.map((extension) => ({ extension, id: randomUUID() }));
  const visible = await rolledBack(pool, async (client) => {
    await client.query({
      text: `insert into realtime.messages (id, topic, extension)
             select id, $1, extension from unnest($2::uuid[], $3::text[]) as probe(id, extension)`,
      values: [context.topic, probes.map((probe) => probe.id), probes.map((probe) => probe.extension)],
    });
    await client.query(configCall(context));
    const { rows } = await client.query<{ extension: Extension }>({
      text: `select extension from realtime.messages where id = any($1::uuid[])`,
      values: [probes.map((probe) => probe.id)],
    });
    return new Set(rows.map((row) => row.extension));
  });
  return { broadcast: visible.has('broadcast'), presence: visible.has('presence') };
}

/** Whether the user may write (broadcast or track presence) on the topic. */
export async function mayWrite(
  pool: pg.Pool,
  context: AuthorizationContext,
  extension: Extension,
): Promise<boolean> {
  return rolledBack(pool, async (client) => {
    await client.query(configCall(context));
    await client.query('savepoint write_check');
    try {
      await client.query({
        text: `insert into realtime.messages (topic, extension) values ($1, $2)`,
        values: [context.topic, extension],
      });
      return true;
    } catch (error) {
      // 42501: new row violates row-level security policy / permission denied.
      if ((error as { code?: string }).code === '42501') {
        await client.query('rollback to savepoint write_check');
        return false;
      }
      throw error;
    }
  });
}
