/**
 * Keeps the schema cache fresh like PostgREST: LISTEN on `pgrst` over a dedicated connection and
 * reload on `reload schema` (the bootstrap's event triggers NOTIFY on every DDL command).
 */
import pg from 'pg';
import { loadSchemaCache, type SchemaCache } from './schema-cache';

export interface SchemaCacheHolder {
  current(): SchemaCache;
  /** Resolves once a reload that started after this call has finished. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

export async function watchSchemaCache(
  pool: pg.Pool,
  listenUrl: string,
  schemas: string[],
  log: (line: string) => void,
): Promise<SchemaCacheHolder> {
  let cache = await loadSchemaCache(pool, schemas);
  let running: Promise<void> | undefined;
  let again = false;

  const reload = (): Promise<void> => {
    if (running) {
      // Coalesce bursts of DDL: one more load after the one in flight.
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          cache = await loadSchemaCache(pool, schemas);
        } catch (error) {
          log(`[rest] schema cache reload failed: ${String(error)}`);
        }
      } while (again);
      running = undefined;
    })();
    return running;
  };

  const listener = new pg.Client({ connectionString: listenUrl });
  let closed = false;
  listener.on('notification', (message) => {
    const payload = (message.payload ?? '').trim();
    if (payload === '' || payload === 'reload schema' || payload === 'reload config') void reload();
  });
  listener.on('error', (error) => {
    if (!closed) log(`[rest] schema listener error: ${error.message}`);
  });
  await listener.connect();
  await listener.query('listen pgrst');

  return {
    current: () => cache,
    reload,
    close: async () => {
      closed = true;
      await listener.end().catch(() => {});
      await running;
    },
  };
}
