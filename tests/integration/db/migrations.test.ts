// Migrations, rollbacks and seed on a database of their own (created in the test cluster):
// every migration applies from scratch in order; each rollback undoes exactly its migration
// (the catalog returns to the state before it), so all rollbacks in reverse leave no trace —
// empty public schema, no billing/private schemas, no auth trigger; the seed is idempotent.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../dev/config';
import { applyBootstrap, applySeed, listMigrations, type MigrationFile } from '../../../dev/postgres/migrate';
import { catalogSnapshot, dataSnapshot } from './support/catalog';
import { databaseUrl } from './support/database';

const rollbacksDir = path.join(projectRoot, 'supabase', 'rollbacks');
const databaseName = `migrations_${process.pid}_${Date.now()}`;
const adminUrl = databaseUrl();
const testUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
})();

let admin: pg.Client;
let db: pg.Client;
let migrations: MigrationFile[];

async function runFile(file: string) {
  const sql = await readFile(file, 'utf8');
  await db.query('begin');
  try {
    await db.query(sql);
    await db.query('commit');
  } catch (error) {
    await db.query('rollback');
    throw new Error(`${path.basename(file)}: ${(error as Error).message}`);
  }
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${databaseName}`);
  await applyBootstrap(testUrl);
  db = new pg.Client({ connectionString: testUrl });
  db.on('notice', () => {});
  await db.connect();
  migrations = await listMigrations();
}, 60_000);

afterAll(async () => {
  await db?.end();
  await admin?.query(`drop database if exists ${databaseName} with (force)`);
  await admin?.end();
});

describe('migrations', () => {
  // Catalog state after the bootstrap (index 0) and after each migration (index i + 1).
  const states: string[][] = [];

  it('every migration has a rollback of the same name', () => {
    expect(migrations.length).toBeGreaterThan(10);
    const missing = migrations.filter((m) => !existsSync(path.join(rollbacksDir, path.basename(m.file))));
    expect(missing.map((m) => path.basename(m.file))).toEqual([]);
  });

  it('apply from scratch, in order, each in its own transaction', async () => {
    states.push(await catalogSnapshot(db));
    for (const migration of migrations) {
      await runFile(migration.file);
      states.push(await catalogSnapshot(db));
    }
    const { rows } = await db.query("select count(*)::int as n from pg_tables where schemaname = 'public'");
    expect(rows[0].n).toBeGreaterThanOrEqual(40);
  }, 60_000);

  it('the seed applies and running it again changes nothing', async () => {
    await applySeed(testUrl);
    const schemas = ['public', 'auth'];
    const first = await dataSnapshot(db, schemas);
    await applySeed(testUrl);
    expect(await dataSnapshot(db, schemas)).toEqual(first);
    expect(Object.keys(first)).toContain('public.ai_employees');
    expect(first['public.ai_employees']).not.toMatch(/^0:/);
  }, 60_000);

  it('seeds demo users and sample reviews only where app.seed_demo_data is on (never in production)', async () => {
    const demo = () =>
      db.query<{ users: number; reviews: number }>(
        `select (select count(*)::int from auth.users where email = 'demo@example.com') as users,
                (select count(*)::int from public.employee_reviews) as reviews`,
      );
    expect((await demo()).rows[0]).toEqual({ users: 1, reviews: 20 });
    // Wherever demo data is on (a staging project too), the seeded admin has no password at all.
    const admin = await db.query(
      `select encrypted_password from auth.users where email = 'admin@example.com'`,
    );
    expect(admin.rows).toEqual([{ encrypted_password: '' }]);

    await db.query(`delete from auth.users where email like '%@example.com'`);
    const url = new URL(testUrl);
    await db.query(`alter database ${url.pathname.slice(1)} reset app.seed_demo_data`);
    await applySeed(testUrl);
    expect((await demo()).rows[0]).toEqual({ users: 0, reviews: 0 });
    expect(
      (await db.query('select count(*)::int as n from public.ai_employees')).rows[0].n,
    ).toBeGreaterThanOrEqual(24);

    await db.query(`alter database ${url.pathname.slice(1)} set app.seed_demo_data = 'on'`);
    await applySeed(testUrl);
    expect((await demo()).rows[0]).toEqual({ users: 1, reviews: 20 });
  }, 60_000);

  it('each rollback undoes exactly its migration, in reverse order', async () => {
    for (let index = migrations.length - 1; index >= 0; index -= 1) {
      const migration = migrations[index] as MigrationFile;
      await runFile(path.join(rollbacksDir, path.basename(migration.file)));
      const after = await catalogSnapshot(db);
      const before = states[index] as string[];
      expect({
        rollback: path.basename(migration.file),
        extra: after.filter((x) => !before.includes(x)),
        missing: before.filter((x) => !after.includes(x)),
      }).toEqual({ rollback: path.basename(migration.file), extra: [], missing: [] });
    }
  }, 60_000);

  it('leaves an empty public schema, no billing or private schema and no auth trigger', async () => {
    const { rows } = await db.query(`
      select
        (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public') as relations,
        (select count(*)::int from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public') as functions,
        (select count(*)::int from pg_type t join pg_namespace n on n.oid = t.typnamespace where n.nspname = 'public') as types,
        (select count(*)::int from pg_namespace where nspname in ('billing', 'private', 'ratelimit')) as schemas,
        (select count(*)::int from pg_trigger where tgrelid = 'auth.users'::regclass and not tgisinternal) as auth_triggers`);
    expect(rows[0]).toEqual({ relations: 0, functions: 0, types: 0, schemas: 0, auth_triggers: 0 });
  });

  it('applies again after a full rollback, to the same catalog', async () => {
    for (const migration of migrations) await runFile(migration.file);
    expect(await catalogSnapshot(db)).toEqual(states[states.length - 1]);
  }, 60_000);
});
