/**
 * The two ways Storage talks to Postgres: user-scoped statements in a transaction as
 * `authenticator` with the caller's role and claims set (so RLS on storage.objects decides, as
 * PostgREST's transactions do — same helper), and its own bookkeeping as supabase_storage_admin,
 * the owner of the storage tables (metadata writes after the bytes are stored, bucket lookups).
 */
import type { IncomingHttpHeaders } from 'node:http';
import pg from 'pg';
import { databaseUrlAs, type SupabaseApiConfig } from '../context';
import { type TransactionSettings } from '../rest/transaction';
import type { Statement } from './queries';
import type { StorageIdentity } from './request-auth';

export interface StorageDb {
  /** supabase_storage_admin for single autocommit statements: hot-path lookups, one round trip. */
  admin: pg.Pool;
  /** As the caller: RLS and the caller's grants apply. */
  asUser<T>(scope: UserScope, work: (client: pg.PoolClient) => Promise<T>, readOnly?: boolean): Promise<T>;
  /**
   * One read-only statement as the caller in a single round trip (BEGIN, the settings and the
   * statement sent as one simple query, values escaped by the driver): the hot path of reads.
   */
  readAsUser<R extends pg.QueryResultRow>(scope: UserScope, text: string, values: string[]): Promise<R[]>;
  /** One statement as the caller, committed, in a single round trip (an upload's record). */
  writeAsUser<R extends pg.QueryResultRow>(scope: UserScope, statement: Statement): Promise<R[]>;
  /** As the caller, then rolled back: Storage's `testPermission` (would RLS allow this write?). */
  testAsUser(scope: UserScope, work: (client: pg.PoolClient) => Promise<unknown>): Promise<void>;
  /** As supabase_storage_admin (table owner, so no RLS): service bookkeeping only. */
  asAdmin<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface UserScope {
  identity: StorageIdentity;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

/** Storage lets its own statements delete rows (storage.protect_delete refuses everyone else). */
const ALLOW_DELETE: [string, string] = ['storage.allow_delete_query', 'true'];

/**
 * The per-request transaction of ../rest/transaction.ts, with BEGIN and the settings sent as one
 * simple query (values escaped by the driver): a small object read or an upload's RLS test costs
 * two or three round trips instead of four, which is most of a 10 kB read's time.
 */
async function inScopedTransaction<T>(
  pool: pg.Pool,
  tx: TransactionSettings,
  work: (client: pg.PoolClient) => Promise<T>,
  rollback = false,
): Promise<T> {
  const client = await pool.connect();
  let result: T;
  try {
    const settings = tx.settings
      .map(
        ([name, value]) => `set_config(${client.escapeLiteral(name)}, ${client.escapeLiteral(value)}, true)`,
      )
      .join(', ');
    await client.query(
      `begin isolation level read committed${tx.readOnly ? ' read only' : ''}; select ${settings}`,
    );
    result = await work(client);
  } catch (error) {
    await client.query('rollback').then(
      () => client.release(),
      (rollbackError: Error) => client.release(rollbackError),
    );
    throw error;
  }
  const end = client.query(rollback ? 'rollback' : 'commit').then(
    () => client.release(),
    (endError: Error) => {
      client.release(endError);
      throw endError;
    },
  );
  // Nothing to make durable in a read or a rolled-back test: answer without waiting.
  if (tx.readOnly || rollback) end.catch(() => {});
  else await end;
  return result;
}

/**
 * BEGIN, the caller's settings and one statement as a single simple query (values escaped by the
 * driver, NULL as NULL): a transaction as the caller for the price of one round trip.
 */
function oneRoundTrip(client: pg.PoolClient, tx: TransactionSettings, statement: Statement): string {
  const calls = tx.settings
    .map(([name, value]) => `set_config(${client.escapeLiteral(name)}, ${client.escapeLiteral(value)}, true)`)
    .join(', ');
  const text = statement.text.replace(/\$(\d+)/g, (_, index: string) => {
    const value = statement.values[Number(index) - 1];
    return value === null ? 'null' : client.escapeLiteral(value ?? '');
  });
  return `begin isolation level read committed${tx.readOnly ? ' read only' : ''}; select ${calls}; ${text}`;
}

/** The rows of the statement after BEGIN and the settings. */
function rowsOf<R extends pg.QueryResultRow>(results: unknown): R[] {
  return (results as pg.QueryResult<R>[])[2]?.rows ?? [];
}

async function rollBackAndRelease(client: pg.PoolClient): Promise<void> {
  await client.query('rollback').then(
    () => client.release(),
    (rollbackError: Error) => client.release(rollbackError),
  );
}

export function createStorageDb(config: SupabaseApiConfig): StorageDb {
  const userPool = new pg.Pool({
    connectionString: databaseUrlAs(config.databaseUrl, 'authenticator'),
    max: 10,
    application_name: 'storage-api',
  });
  const adminPool = new pg.Pool({
    connectionString: databaseUrlAs(config.databaseUrl, 'supabase_storage_admin'),
    max: 5,
    application_name: 'storage-api-admin',
  });
  for (const pool of [userPool, adminPool]) {
    pool.on('error', (error) => config.log(`[storage] idle connection error: ${error.message}`));
  }

  function userSettings(scope: UserScope, readOnly: boolean): TransactionSettings {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(scope.headers)) {
      if (name === 'cookie' || value === undefined) continue;
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const { identity } = scope;
    return {
      readOnly,
      // Storage's scope statement (src/internal/database/postgres/scope.ts).
      settings: [
        ['role', identity.role],
        ['request.jwt.claim.role', identity.role],
        ['request.jwt', identity.jwt],
        ['request.jwt.claim.sub', identity.owner ?? ''],
        ['request.jwt.claims', JSON.stringify(identity.claims)],
        ['request.headers', JSON.stringify(headers)],
        ['request.method', scope.method],
        ['request.path', scope.path],
        ALLOW_DELETE,
      ],
    };
  }

  return {
    admin: adminPool,
    async readAsUser<R extends pg.QueryResultRow>(scope: UserScope, text: string, values: string[]) {
      const client = await userPool.connect();
      try {
        const results = await client.query(oneRoundTrip(client, userSettings(scope, true), { text, values }));
        // Read only: nothing to commit durably, so the answer does not wait for it.
        client.query('commit').then(
          () => client.release(),
          (error: Error) => client.release(error),
        );
        return rowsOf<R>(results);
      } catch (error) {
        await rollBackAndRelease(client);
        throw error;
      }
    },
    async writeAsUser<R extends pg.QueryResultRow>(scope: UserScope, statement: Statement) {
      const client = await userPool.connect();
      try {
        const results = await client.query(
          `${oneRoundTrip(client, userSettings(scope, false), statement)}; commit`,
        );
        client.release();
        return rowsOf<R>(results);
      } catch (error) {
        await rollBackAndRelease(client);
        throw error;
      }
    },
    asUser: (scope, work, readOnly = false) =>
      inScopedTransaction(userPool, userSettings(scope, readOnly), work),
    async testAsUser(scope, work) {
      await inScopedTransaction(userPool, userSettings(scope, false), work, true);
    },
    asAdmin: (work) => inScopedTransaction(adminPool, { readOnly: false, settings: [ALLOW_DELETE] }, work),
    async close() {
      await Promise.all([userPool.end(), adminPool.end()]);
    },
  };
}
