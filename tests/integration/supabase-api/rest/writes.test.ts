/**
 * Mutations through supabase-js: insert/upsert/update/delete status codes, `columns=`,
 * `missing=default`, `on_conflict`, representation with embeds, singular rollback, safeupdate.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { compatClient, rest, serviceClient, setupCompatSchema, withDatabase } from './fixtures';

beforeAll(setupCompatSchema);

const key = (label: string) => `${label}-${randomUUID()}`;

async function settingsRows(keys: string[]) {
  return withDatabase(async (client) => {
    const { rows } = await client.query(
      'select key, value, version, note from compat.settings where key = any($1) order by key',
      [keys],
    );
    return rows;
  });
}

describe('insert', () => {
  it('answers 201 with no body by default, and the rows with .select()', async () => {
    const client = compatClient().from('settings');
    const a = key('a');
    const minimal = await client.insert({ key: a, value: 'one' });
    expect(minimal.status).toBe(201);
    expect(minimal.data).toBeNull();
    const b = key('b');
    const represented = await client.insert({ key: b, value: 'two' }).select();
    expect(represented.status).toBe(201);
    expect(represented.data).toEqual([{ key: b, value: 'two', version: 1, note: 'default note' }]);
    const single = await client
      .insert({ key: key('c'), value: 'three' })
      .select('value')
      .single();
    expect(single.data).toEqual({ value: 'three' });
  });

  it('inserts arrays with the union of keys: missing keys are NULL, or DEFAULT with defaultToNull: false', async () => {
    const client = compatClient().from('settings');
    const [a, b] = [key('a'), key('b')];
    const nulls = await client.insert([
      { key: a, value: 'x', note: 'given' },
      { key: b, value: 'y' },
    ]);
    expect(nulls.status).toBe(201);
    expect((await settingsRows([a, b])).map((row) => row.note)).toEqual(['given', null]);

    const [c, d] = [key('c'), key('d')];
    const defaults = await client.insert(
      [
        { key: c, value: 'x', version: 5 },
        { key: d, value: 'y' },
      ],
      { defaultToNull: false },
    );
    expect(defaults.status).toBe(201);
    expect((await settingsRows([c, d])).map((row) => [row.version, row.note])).toEqual([
      [5, 'default note'],
      [1, 'default note'],
    ]);
  });

  it('upserts: merge-duplicates answers 200 when every row existed, ignore-duplicates 201', async () => {
    const client = compatClient().from('settings');
    const a = key('a');
    await client.insert({ key: a, value: 'old' });
    const merged = await client.upsert({ key: a, value: 'new' }).select();
    expect(merged.status).toBe(200);
    expect(merged.data).toEqual([{ key: a, value: 'new', version: 1, note: 'default note' }]);
    const b = key('b');
    const mixed = await client.upsert([
      { key: a, value: 'newer' },
      { key: b, value: 'fresh' },
    ]);
    expect(mixed.status).toBe(201);
    const ignored = await client.upsert({ key: a, value: 'ignored' }, { ignoreDuplicates: true }).select();
    expect(ignored.status).toBe(201);
    expect(ignored.data).toEqual([]);
    expect((await settingsRows([a])).map((row) => row.value)).toEqual(['newer']);
  });

  it('upserts on another unique column with onConflict', async () => {
    const service = serviceClient().from('categories');
    const id = Math.floor(Math.random() * 1e9) + 1000;
    const name = key('cat');
    await service.insert({ id, name });
    const upserted = await service.upsert({ id: id + 1, name }, { onConflict: 'name' }).select('id, name');
    expect(upserted.status).toBe(200);
    expect(upserted.data).toEqual([{ id: id + 1, name }]);
  });

  it('embeds in the representation of a write', async () => {
    const service = serviceClient().from('comments');
    const id = Math.floor(Math.random() * 1e9) + 1000;
    const { data, status } = await service
      .insert({ id, article_id: 2, body: 'embedded' })
      .select('id, article:articles(title)')
      .single();
    expect(status).toBe(201);
    expect(data).toEqual({ id, article: { title: 'Postgres guide' } });
  });

  it('reports unknown columns (PGRST204), bad JSON (PGRST102) and constraint errors (409, 400)', async () => {
    const client = compatClient().from('settings');
    const unknown = await client.insert({ key: key('x'), value: 'v', nope: 1 });
    expect(unknown.status).toBe(400);
    expect(unknown.error).toMatchObject({
      code: 'PGRST204',
      message: "Could not find the 'nope' column of 'settings' in the schema cache",
    });

    const a = key('dup');
    await client.insert({ key: a, value: 'v' });
    const duplicate = await client.insert({ key: a, value: 'v' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.error).toMatchObject({
      code: '23505',
      message: 'duplicate key value violates unique constraint "settings_pkey"',
      details: `Key (key)=(${a}) already exists.`,
    });
    const orphan = await serviceClient()
      .from('comments')
      .insert({ id: Math.floor(Math.random() * 1e9) + 1000, article_id: 999_999, body: 'x' });
    expect(orphan.status).toBe(409);
    expect(orphan.error?.code).toBe('23503');
    const notNull = await client.insert({ key: key('n') });
    expect(notNull.status).toBe(400);
    expect(notNull.error?.code).toBe('23502');
    const badType = await client.insert({ key: key('t'), value: 'v', version: 'many' });
    expect(badType.status).toBe(400);
    expect(badType.error?.code).toBe('22P02');

    for (const body of ['{"key":', '', '"text"', '[1,2]']) {
      const response = await rest('/settings', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        code: 'PGRST102',
        message: 'Empty or invalid json',
        details: null,
        hint: null,
      });
    }
    const mismatched = await rest('/settings', {
      method: 'POST',
      body: JSON.stringify([{ key: key('m'), value: 'a' }, { key: key('m') }]),
      headers: { 'content-type': 'application/json' },
    });
    expect(mismatched.status).toBe(400);
    expect(((await mismatched.json()) as { message: string }).message).toBe('All object keys must match');
  });
});

describe('update and delete', () => {
  it('answers 204 without and 200 with a representation, with Content-Range', async () => {
    const client = compatClient().from('settings');
    const [a, b] = [key('a'), key('b')];
    await client.insert([
      { key: a, value: 'x' },
      { key: b, value: 'x' },
    ]);
    const minimal = await client.update({ value: 'y' }).eq('key', a);
    expect(minimal.status).toBe(204);
    const represented = await client
      .update({ version: 2 })
      .in('key', [a, b])
      .select('key, version')
      .order('key');
    expect(represented.status).toBe(200);
    expect(represented.data).toEqual([
      { key: a, version: 2 },
      { key: b, version: 2 },
    ]);
    const counted = await rest(`/settings?key=eq.${a}`, {
      method: 'PATCH',
      body: JSON.stringify({ version: 3 }),
      headers: { 'content-type': 'application/json', prefer: 'count=exact' },
    });
    expect(counted.status).toBe(204);
    expect(counted.headers.get('content-range')).toBe('0-0/1');

    const deleted = await client.delete().eq('key', a).select('key');
    expect(deleted.status).toBe(200);
    expect(deleted.data).toEqual([{ key: a }]);
    const gone = await client.delete().eq('key', b);
    expect(gone.status).toBe(204);
    expect(await settingsRows([a, b])).toEqual([]);
  });

  it('refuses PATCH and DELETE without filters like pg-safeupdate (400, 21000)', async () => {
    const client = compatClient().from('settings');
    const update = await client.update({ value: 'everything' });
    expect(update.status).toBe(400);
    expect(update.error).toEqual({
      code: '21000',
      message: 'UPDATE requires a WHERE clause',
      details: null,
      hint: null,
    });
    const remove = await client.delete();
    expect(remove.status).toBe(400);
    expect(remove.error?.message).toBe('DELETE requires a WHERE clause');
  });

  it('rolls back a write whose single() fails (PGRST116)', async () => {
    const client = compatClient().from('settings');
    const [a, b] = [key('a'), key('b')];
    await client.insert([
      { key: a, value: 'same' },
      { key: b, value: 'same' },
    ]);
    const result = await client.update({ value: 'changed' }).in('key', [a, b]).select().single();
    expect(result.status).toBe(406);
    expect(result.error).toMatchObject({ code: 'PGRST116', details: 'The result contains 2 rows' });
    expect((await settingsRows([a, b])).map((row) => row.value)).toEqual(['same', 'same']);
  });

  it('limits PATCH/DELETE with an explicit order, and refuses a limit without one (PGRST109)', async () => {
    const client = compatClient().from('settings');
    const prefix = key('lim');
    const keys = [`${prefix}-1`, `${prefix}-2`, `${prefix}-3`];
    await client.insert(keys.map((k) => ({ key: k, value: 'old' })));
    const unordered = await rest(`/settings?key=like.${prefix}*&limit=1`, {
      method: 'PATCH',
      body: '{"value":"new"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(unordered.status).toBe(400);
    expect(((await unordered.json()) as { code: string }).code).toBe('PGRST109');
    const limited = await rest(`/settings?key=like.${prefix}*&order=key.desc&limit=2`, {
      method: 'PATCH',
      body: '{"value":"new"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(limited.status).toBe(204);
    expect((await settingsRows(keys)).map((row) => row.value)).toEqual(['old', 'new', 'new']);
    const deleted = await rest(`/settings?key=like.${prefix}*&order=key&limit=1`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect((await settingsRows(keys)).map((row) => row.key)).toEqual(keys.slice(1));
  });

  it('answers return=headers-only with a Location', async () => {
    const a = key('loc');
    const response = await rest('/settings', {
      method: 'POST',
      body: JSON.stringify({ key: a, value: 'x' }),
      headers: { 'content-type': 'application/json', prefer: 'return=headers-only' },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/settings?key=eq.${encodeURIComponent(a)}`);
    expect(response.headers.get('preference-applied')).toBe('return=headers-only');
    expect(await response.text()).toBe('');
  });

  it('upserts one row with PUT, which must name exactly its primary key', async () => {
    const a = key('put');
    const put = (query: string, body: object, prefer = 'return=representation') =>
      rest(`/settings?${query}`, {
        method: 'PUT',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json', prefer },
      });
    const created = await put(`key=eq.${a}`, { key: a, value: 'first' });
    expect(created.status).toBe(200);
    expect(await created.json()).toEqual([{ key: a, value: 'first', version: 1, note: 'default note' }]);
    const replaced = await put(`key=eq.${a}`, { key: a, value: 'second' }, 'return=minimal');
    expect(replaced.status).toBe(204);
    expect((await settingsRows([a])).map((row) => row.value)).toEqual(['second']);
    const mismatch = await put(`key=eq.${a}`, { key: 'other', value: 'x' });
    expect(mismatch.status).toBe(400);
    expect(((await mismatch.json()) as { code: string }).code).toBe('PGRST115');
    const notKey = await put(`value=eq.x`, { key: a, value: 'x' });
    expect(notKey.status).toBe(405);
    expect(((await notKey.json()) as { code: string }).code).toBe('PGRST105');
  });

  it('enforces max-affected with handling=strict (PGRST124, rolled back)', async () => {
    const client = compatClient().from('settings');
    const [a, b] = [key('a'), key('b')];
    await client.insert([
      { key: a, value: 'keep' },
      { key: b, value: 'keep' },
    ]);
    // What postgrest-js's maxAffected(1) sends (its typings gate it behind a PostgREST 13 schema type).
    const result = await rest(`/settings?key=in.(${a},${b})`, {
      method: 'PATCH',
      body: JSON.stringify({ value: 'lost' }),
      headers: { 'content-type': 'application/json', prefer: 'handling=strict, max-affected=1' },
    });
    expect(result.status).toBe(400);
    expect(await result.json()).toMatchObject({ code: 'PGRST124', details: 'The query affects 2 rows' });
    expect((await settingsRows([a, b])).map((row) => row.value)).toEqual(['keep', 'keep']);
  });
});
