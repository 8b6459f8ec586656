/**
 * Applies the Supabase bootstrap, the app migrations and the seed to a database, the way the
 * Supabase CLI does: each migration in its own transaction, tracked in
 * supabase_migrations.schema_migrations, stopping at the first failure with the file name and the
 * Postgres error (the failed file leaves nothing behind).
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { projectRoot } from '../config';

export const migrationsDir = path.join(projectRoot, 'supabase', 'migrations');
export const seedFile = path.join(projectRoot, 'supabase', 'seed.sql');
const bootstrapFile = path.join(import.meta.dirname, 'bootstrap.sql');

const MIGRATION_NAME = /^(\d{14})_([a-z0-9_]+)\.sql$/;

export interface MigrationFile {
  version: string;
  name: string;
  file: string;
}

export class MigrationError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${path.relative(projectRoot, file)}: ${message}`);
    this.name = 'MigrationError';
  }
}

/** Lists migrations in order; refuses badly named files and duplicate versions. */
export async function listMigrations(dir = migrationsDir): Promise<MigrationFile[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return [];
  }
  const files = entries.filter((entry) => entry.endsWith('.sql')).sort();
  const seen = new Map<string, string>();
  return files.map((entry) => {
    const match = MIGRATION_NAME.exec(entry);
    const file = path.join(dir, entry);
    if (!match) {
      throw new MigrationError(file, 'migration files must be named YYYYMMDDHHmmss_verb_object.sql');
    }
    const [, version, name] = match as unknown as [string, string, string];
    const other = seen.get(version);
    if (other) throw new MigrationError(file, `version ${version} is also used by ${other}`);
    seen.set(version, entry);
    return { version, name, file };
  });
}

export async function applyBootstrap(url: string): Promise<void> {
  await withClient(url, async (client) => {
    const sql = await readFile(bootstrapFile, 'utf8');
    await runInTransaction(client, bootstrapFile, sql);
  });
}

/** Applies the migrations not yet recorded; returns the ones applied now. */
export async function applyMigrations(url: string, dir = migrationsDir): Promise<MigrationFile[]> {
  const migrations = await listMigrations(dir);
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ version: string }>(
      'select version from supabase_migrations.schema_migrations',
    );
    const applied = new Set(rows.map((row) => row.version));
    const pending = migrations.filter((migration) => !applied.has(migration.version));
    for (const migration of pending) {
      const sql = await readFile(migration.file, 'utf8');
      await runInTransaction(client, migration.file, sql, async () => {
        await client.query(
          'insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)',
          [migration.version, migration.name, [sql]],
        );
      });
    }
    return pending;
  });
}

export async function applySeed(url: string, file = seedFile): Promise<boolean> {
  let sql: string;
  try {
    sql = await readFile(file, 'utf8');
  } catch {
    return false;
  }
  await withClient(url, (client) => runInTransaction(client, file, sql));
  return true;
}

/**
 * Bootstrap, migrations, then the seed when anything new was applied (or when forced).
 *
 * With `when-migrated` (a developer's existing database), a seed that no longer fits data left by
 * an older seed must not stop the app: it is rolled back and reported as `seedError`, and
 * `npm run db:reset` rebuilds from scratch. With `always` (tests, reset) a failing seed throws.
 */
export async function prepareDatabase(
  url: string,
  options: { seed?: 'always' | 'when-migrated'; migrationsDir?: string; seedFile?: string } = {},
): Promise<{ applied: MigrationFile[]; seeded: boolean; seedError?: MigrationError }> {
  await applyBootstrap(url);
  const applied = await applyMigrations(url, options.migrationsDir);
  if (options.seed !== 'always' && applied.length === 0) return { applied, seeded: false };
  try {
    return { applied, seeded: await applySeed(url, options.seedFile) };
  } catch (error) {
    if (options.seed === 'always' || !(error instanceof MigrationError)) throw error;
    return { applied, seeded: false, seedError: error };
  }
}

/** Drops and recreates the `postgres` database of the cluster at `url`. */
export async function recreateDatabase(url: string): Promise<void> {
  const adminUrl = new URL(url);
  adminUrl.pathname = '/template1';
  await withClient(adminUrl.toString(), async (client) => {
    // A logical slot left by a Realtime server that did not stop cleanly would block the drop.
    await client.query(
      `select pg_drop_replication_slot(slot_name) from pg_replication_slots where database = 'postgres' and not active`,
    );
    await client.query('drop database if exists postgres with (force)');
    await client.query('create database postgres');
  });
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('notice', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function runInTransaction(
  client: pg.Client,
  file: string,
  sql: string,
  after?: () => Promise<void>,
): Promise<void> {
  await client.query('begin');
  try {
    await client.query(sql);
    await after?.();
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw new MigrationError(file, describePgError(error, sql));
  }
}

function describePgError(error: unknown, sql: string): string {
  if (!(error instanceof Error)) return String(error);
  const pgError = error as Error & { position?: string; code?: string; detail?: string };
  const parts = [pgError.message];
  if (pgError.position) {
    const offset = Number(pgError.position);
    const line = sql.slice(0, offset).split('\n').length;
    parts.push(`(line ${line})`);
  }
  if (pgError.code) parts.push(`[SQLSTATE ${pgError.code}]`);
  if (pgError.detail) parts.push(`— ${pgError.detail}`);
  return parts.join(' ');
}
