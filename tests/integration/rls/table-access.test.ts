// Adversarial access matrix: for EVERY table and view of the public schema (read from the
// catalog), what a visitor (anon), user A (owner) and user B (other) can select, insert, update
// and delete, through supabase-js against the local Supabase API. Every outcome is verified in
// the database itself, not from the API's answer. A relation without an entry in
// support/table-specs.ts fails the suite.
import type { SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../db/support/database';
import { anonClient, signUp } from './support/actors';
import { tableSpecs, type Actor, type Row, type RowRef } from './support/table-specs';
import { createEmployee, hire, type World } from './support/world';

const db = createPool(6);
const { rows: relationRows } = await db.query<{ name: string }>(
  `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
   where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm') order by 1`,
);
const relations = relationRows.map((row) => row.name);

let world: World;
const clients = {} as Record<Actor, SupabaseClient>;
const actors: Actor[] = ['anon', 'other', 'owner'];

beforeAll(async () => {
  const [a, b] = await Promise.all([signUp('owner'), signUp('other')]);
  const employee = await createEmployee(db);
  await hire(db, a.id, employee.id);
  world = { db, a, b, employee, draft: await createEmployee(db, false) };
  Object.assign(clients, { anon: anonClient(), owner: a.client, other: b.client });
});
afterAll(() => db.end());

const exists = async (table: string, where: string, params: unknown[]) =>
  (
    await db.query<{ found: boolean }>(
      `select exists (select 1 from public.${table} t where ${where}) as found`,
      params,
    )
  ).rows[0]?.found;
const rowExists = (table: string, ref: RowRef) => exists(table, `t.${ref.column}::text = $1`, [ref.value]);
const rowMatches = (table: string, ref: RowRef, values: Row) =>
  exists(table, `t.${ref.column}::text = $1 and to_jsonb(t) @> $2::jsonb`, [
    ref.value,
    JSON.stringify(values),
  ]);

/**
 * Bad requests must never be server errors. The one exception is Postgres refusing to write
 * through a read-only view (55000, mapped to 500 by PostgREST too): the write is impossible
 * for everyone, which is what these views are for.
 */
function expectNoServerError(
  result: { status: number; error: { code?: string; message: string } | null },
  what: string,
) {
  if (result.error?.code === '55000') return;
  expect(result.status, `${what} → HTTP ${result.status} ${result.error?.message}`).toBeLessThan(500);
}

it('every table and view of public has an access spec, and every spec a relation', () => {
  expect(relations).toEqual(Object.keys(tableSpecs).sort());
});

describe.each(relations)('%s', (table) => {
  const spec = tableSpecs[table];

  it('select: only the expected actors see the row', async () => {
    expect(spec, `no access spec for public.${table}`).toBeDefined();
    if (!spec) return;
    const ref = await spec.row(world);
    for (const actor of actors) {
      const result = await clients[actor].from(table).select('*').eq(ref.column, ref.value);
      expectNoServerError(result, `${actor} select`);
      const visible = !result.error && (result.data?.length ?? 0) === 1;
      expect(visible, `${actor} can see public.${table} row`).toBe(spec.read.includes(actor));
    }
  });

  it("insert: only the expected actors can create a row claiming to be A's", async () => {
    if (!spec) return;
    for (const actor of actors) {
      const payload = await spec.insert.payload(world);
      const result = await clients[actor].from(table).insert(payload);
      expectNoServerError(result, `${actor} insert`);
      const created = await exists(table, 'to_jsonb(t) @> $1::jsonb', [JSON.stringify(payload)]);
      expect(created, `${actor} inserted into public.${table}`).toBe(spec.insert.allowed.includes(actor));
    }
  });

  it("update: only the expected actors can change A's row", async () => {
    if (!spec) return;
    const ref = await spec.row(world);
    expect(await rowMatches(table, ref, spec.update.patch), 'the patch must change something').toBe(false);
    for (const actor of actors) {
      const result = await clients[actor].from(table).update(spec.update.patch).eq(ref.column, ref.value);
      expectNoServerError(result, `${actor} update`);
      const changed = await rowMatches(table, ref, spec.update.patch);
      expect(changed, `${actor} updated public.${table}`).toBe(spec.update.allowed.includes(actor));
      if (changed) break;
    }
  });

  it("delete: only the expected actors can delete A's row", async () => {
    if (!spec) return;
    const ref = await spec.row(world);
    for (const actor of actors) {
      const result = await clients[actor].from(table).delete().eq(ref.column, ref.value);
      expectNoServerError(result, `${actor} delete`);
      const deleted = !(await rowExists(table, ref));
      expect(deleted, `${actor} deleted from public.${table}`).toBe(spec.delete.includes(actor));
      if (deleted) break;
    }
  });
});
