/**
 * The Auth server's database access: a pool connected as `supabase_auth_admin` (the owner of the
 * `auth` schema, as GoTrue connects), with timestamps kept as PostgreSQL text in UTC so the JSON
 * shows microseconds the way GoTrue does (JavaScript dates would cut them to milliseconds).
 */
import pg from 'pg';
import { databaseUrlAs } from '../context';

export type Queryable = Pick<pg.PoolClient, 'query'>;

const TIMESTAMPTZ_OID = 1184;
const TIMESTAMP_OID = 1114;

export function createAuthPool(databaseUrl: string, log: (line: string) => void): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrlAs(databaseUrl, 'supabase_auth_admin'),
    max: 5,
    options: '-c TimeZone=UTC',
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === TIMESTAMPTZ_OID || oid === TIMESTAMP_OID
          ? (value: string) => value
          : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its connection (e.g. the database restarting) must not crash the server.
  pool.on('error', (error) => log(`[auth] idle database connection error: ${error.message}`));
  return pool;
}

/**
 * GoTrue's "commit with error": keep the writes made so far (e.g. revoking a refresh-token family
 * on reuse), then fail the request with `failure`.
 */
export class CommitThenFail extends Error {
  constructor(readonly failure: Error) {
    super(failure.message);
    this.name = 'CommitThenFail';
  }
}

/** Runs `work` in one transaction; an error rolls everything back unless it is CommitThenFail. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    if (error instanceof CommitThenFail) {
      await client.query('commit');
      throw error.failure;
    }
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
