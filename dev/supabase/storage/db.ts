/**
 * The two ways Storage talks to Postgres: user-scoped statements in a transaction as
 * `authenticator` with the caller's role and claims set (so RLS on storage.objects decides, as
 * PostgREST's transactions do — same helper), and its own bookkeeping as supabase_storage_admin,
 * the owner of the storage tables (metadata writes after the bytes are stored, bucket lookups).
 */
import type { IncomingHttpHeaders } from 'node:http';
import pg from 'pg';
import { databaseUrlAs, type SupabaseApiConfig } from '../context';
import { Condemned, inTransaction, type TransactionSettings } from '../rest/transaction';
import type { StorageIdentity } from './request-auth';

export interface StorageDb {
  /** As the caller: RLS and the caller's grants apply. */
  asUser<T>(scope: UserScope, work: (client: pg.PoolClient) => Promise<T>, readOnly?: boolean): Promise<T>;
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

class RolledBack extends Error {}

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
    asUser: (scope, work, readOnly = false) => inTransaction(userPool, userSettings(scope, readOnly), work),
    async testAsUser(scope, work) {
      try {
        await inTransaction(userPool, userSettings(scope, false), async (client) => {
          await work(client);
          throw new Condemned(new RolledBack());
        });
      } catch (error) {
        if (!(error instanceof RolledBack)) throw error;
      }
    },
    asAdmin: (work) => inTransaction(adminPool, { readOnly: false, settings: [ALLOW_DELETE] }, work),
    async close() {
      await Promise.all([userPool.end(), adminPool.end()]);
    },
  };
}
