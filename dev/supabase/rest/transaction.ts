/**
 * The per-request transaction PostgREST runs (reference §2.1): BEGIN [READ ONLY], one
 * `select set_config(…)` round trip for role, claims, method, path, headers, search_path and the
 * role's own settings, then the work, then COMMIT — or ROLLBACK on any error or condemnation.
 */
import type pg from 'pg';

export interface TransactionSettings {
  readOnly: boolean;
  settings: Array<[name: string, value: string]>;
}

/** Thrown by the work to roll back and answer with an error (singular / max-affected checks). */
export class Condemned extends Error {
  constructor(readonly reason: unknown) {
    super('transaction condemned');
  }
}

export async function inTransaction<T>(pool: pg.Pool, tx: TransactionSettings, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // Set when ROLLBACK itself fails: the connection is unusable and must not return to the pool.
  let broken: Error | undefined;
  try {
    await client.query(tx.readOnly ? 'begin isolation level read committed read only' : 'begin isolation level read committed');
    const values: string[] = [];
    const calls = tx.settings.map(([name, value]) => {
      values.push(name, value);
      return `set_config($${values.length - 1}, $${values.length}, true)`;
    });
    await client.query({ text: `select ${calls.join(', ')}`, values });
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error instanceof Condemned ? error.reason : error;
  } finally {
    client.release(broken);
  }
}
