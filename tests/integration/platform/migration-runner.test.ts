/**
 * The migration runner as `npm run dev` uses it: in order, each file in its own transaction,
 * tracked like the Supabase CLI, and a bad file stops with its name and the Postgres error while
 * leaving the database as it was.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyBootstrap,
  applyMigrations,
  listMigrations,
  MigrationError,
} from '../../../dev/postgres/migrate';

const databaseName = `runner_${process.pid}_${Date.now()}`;
let databaseUrl: string;
let dir: string;
const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });

beforeAll(async () => {
  await admin.connect();
  await admin.query(`create database ${databaseName}`);
  const url = new URL(process.env.DATABASE_URL ?? '');
  url.pathname = `/${databaseName}`;
  databaseUrl = url.toString();
  await applyBootstrap(databaseUrl);
  dir = await mkdtemp(path.join(os.tmpdir(), 'migrations-'));
});

afterAll(async () => {
  await admin.query(`drop database if exists ${databaseName} with (force)`);
  await admin.end();
  await rm(dir, { recursive: true, force: true });
});

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('migration runner', () => {
  it('applies pending files in order and records them like the Supabase CLI', async () => {
    await writeFile(
      path.join(dir, '20260101000000_create_notes.sql'),
      'create table public.notes (id int primary key);',
    );
    await writeFile(
      path.join(dir, '20260101000100_add_body_to_notes.sql'),
      'alter table public.notes add column body text;',
    );

    const applied = await applyMigrations(databaseUrl, dir);
    expect(applied.map((m) => m.version)).toEqual(['20260101000000', '20260101000100']);
    const recorded = await query<{ version: string; name: string }>(
      'select version, name from supabase_migrations.schema_migrations order by version',
    );
    expect(recorded).toEqual([
      { version: '20260101000000', name: 'create_notes' },
      { version: '20260101000100', name: 'add_body_to_notes' },
    ]);
    expect(await applyMigrations(databaseUrl, dir)).toEqual([]);
  });

  it('stops at a malformed migration with its file name, line and error, leaving nothing of it behind', async () => {
    await writeFile(
      path.join(dir, '20260101000200_break_things.sql'),
      'create table public.half_done (id int);\n\ninsert into public.notes values (1, );\n',
    );
    await writeFile(
      path.join(dir, '20260101000300_after_the_break.sql'),
      'create table public.later (id int);',
    );

    const error = await applyMigrations(databaseUrl, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).message).toMatch(
      /20260101000200_break_things\.sql: syntax error at or near "\)" \(line 3\) \[SQLSTATE 42601\]/,
    );

    const tables = await query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' order by 1",
    );
    expect(tables.map((t) => t.table_name)).toEqual(['notes']);
    const versions = await query<{ version: string }>(
      'select version from supabase_migrations.schema_migrations',
    );
    expect(versions).toHaveLength(2);
  });

  it('refuses badly named files and duplicate versions before applying anything', async () => {
    const other = await mkdtemp(path.join(os.tmpdir(), 'migrations-bad-'));
    try {
      await writeFile(path.join(other, 'add_table.sql'), 'select 1;');
      await expect(listMigrations(other)).rejects.toThrow(
        /add_table\.sql: migration files must be named YYYYMMDDHHmmss_verb_object\.sql/,
      );
      await rm(path.join(other, 'add_table.sql'));
      await writeFile(path.join(other, '20260101000000_one.sql'), 'select 1;');
      await writeFile(path.join(other, '20260101000000_two.sql'), 'select 1;');
      await expect(listMigrations(other)).rejects.toThrow(
        /version 20260101000000 is also used by 20260101000000_one\.sql/,
      );
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});

describe('seeding an existing database', () => {
  it('reports a seed that no longer applies instead of failing, and writes nothing of it', async () => {
    const seed = path.join(os.tmpdir(), `seed-${process.pid}-${Date.now()}.sql`);
    await writeFile(
      seed,
      "insert into public.notes (id, body) values (7, 'seeded');\ninsert into public.notes (id) values (7);\n",
    );
    const { prepareDatabase } = await import('../../../dev/postgres/migrate');
    await writeFile(path.join(dir, '20260101000400_more.sql'), 'create table public.more (id int);');
    await rm(path.join(dir, '20260101000200_break_things.sql'));
    await rm(path.join(dir, '20260101000300_after_the_break.sql'));

    const result = await prepareDatabase(databaseUrl, {
      seed: 'when-migrated',
      migrationsDir: dir,
      seedFile: seed,
    });
    expect(result.applied.map((m) => m.version)).toEqual(['20260101000400']);
    expect(result.seeded).toBe(false);
    expect(result.seedError?.message).toMatch(
      /seed-[0-9-]+\.sql: duplicate key value violates unique constraint "notes_pkey"/,
    );
    expect(await query('select * from public.notes where id = 7')).toEqual([]);

    await expect(
      prepareDatabase(databaseUrl, { seed: 'always', migrationsDir: dir, seedFile: seed }),
    ).rejects.toThrow(/notes_pkey/);
  });
});
