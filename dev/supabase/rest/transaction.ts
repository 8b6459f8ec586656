/**
 * The per-request transaction PostgREST runs (reference §2.1): BEGIN [READ ONLY], one
 * `select set_config(…)` round trip for role, claims, method, path, headers, search_path and the
 * role's own settings, then the work, then COMMIT — or ROLLBACK on any error or condemnation.
 */
import type pg from 'pg';

export interface TransactionSettings {
  readOnly: boolean;
  /** End in ROLLBACK although the work succeeded (`Prefer: tx=rollback`, db-tx-end). */
  rollback?: boolean;
  settings: Array<[name: string, value: string]>;
}

/** Thrown by the work to roll back and answer with an error (singular / max-affected checks). */
export class Condemned extends Error {
  constructor(
    readonly reason: unknown,
    /** The work's result, when the rollback was asked for rather than caused by a failure. */
    readonly result?: unknown,
  ) {
    super('transaction condemned');
  }
}

export async function inTransaction<T>(
  pool: pg.Pool,
  tx: TransactionSettings,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let result: T;
  try {
    await client.query(
      tx.readOnly ? 'begin isolation level read committed read only' : 'begin isolation level read committed',
    );
    const values: string[] = [];
    const calls = tx.settings.map(([name, value]) => {
      values.push(name, value);
      return `set_config($${values.length - 1}, $${values.length}, true)`;
    });
    await client.query({ text: `select ${calls.join(', ')}`, values });
    result = await work(client);
    if (tx.rollback) {
      // As PostgREST: deferred constraints are checked before the rollback, so errors still show.
      await client.query('set constraints all immediate');
      throw new Condemned(undefined, result);
    }
  } catch (error) {
    // A failed ROLLBACK means the connection is unusable: it must not return to the pool.
    await client.query('rollback').then(
      () => client.release(),
      (rollbackError: Error) => client.release(rollbackError),
    );
    if (error instanceof Condemned && error.result !== undefined) return error.result as T;
    throw error instanceof Condemned ? error.reason : error;
  }
  const commit = client.query('commit').then(
    () => client.release(),
    (commitError: Error) => {
      client.release(commitError);
      throw commitError;
    },
  );
  // A read-only transaction has nothing to make durable and its snapshot is already read: answer
  // without waiting for COMMIT (one round trip less on every GET). Writes wait, a failed COMMIT
  // must fail the request.
  if (tx.readOnly) commit.catch(() => {});
  else await commit;
  return result;
}
