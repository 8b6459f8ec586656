/**
 * Behaviours fixed after Supabase's own postgrest-js suite ran against this server
 * (tests/supabase-compat, docs/decisions/0034), pinned here with raw HTTP and exact bodies. The
 * features behind in-database switches (`pgrst.db_aggregates_enabled`, `db_plan_enabled`,
 * `db_tx_end`) are checked in their hosted default (off); the compat suite runs them switched on.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { rest, serviceRoleKey, setupCompatSchema } from './fixtures';

beforeAll(setupCompatSchema);

const asService = { apikey: serviceRoleKey(), authorization: `Bearer ${serviceRoleKey()}` };

describe('RPC schema cache and resolution (findProc)', () => {
  it('leaves a function with an unnamed non-text parameter out: 404 with the singular "parameter"', async () => {
    const response = await rest('/rpc/unnamed_int', { method: 'POST', body: JSON.stringify({ '': 1 }) });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      code: 'PGRST202',
      message: 'Could not find the function compat.unnamed_int() in the schema cache',
      details:
        'Searched for the function compat.unnamed_int with parameter  or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
      hint: 'Perhaps you meant to call the function compat.unnamed_text',
    });
  });

  it('calls a single unnamed text parameter with the whole body, and GET errors have no json/jsonb clause', async () => {
    const response = await rest('/rpc/unnamed_text', { method: 'POST', body: JSON.stringify({ '': 'x' }) });
    expect(response.status).toBe(200);
    expect(await response.json()).toBe('{"":"x"}');
    const get = await rest('/rpc/add?a=1');
    expect((await get.json()).details).toBe(
      'Searched for the function compat.add with parameter a, but no matches were found in the schema cache.',
    );
  });
});

describe('embedding', () => {
  it('embeds a computed relationship by its function name', async () => {
    const response = await rest('/articles?select=id,sibling_articles(id)&id=eq.2');
    expect(response.status).toBe(200);
    // Article 3 (same category) is a draft: the embedded rows obey the same RLS.
    expect(await response.json()).toEqual([{ id: 2, sibling_articles: [] }]);
    const asServiceRole = await rest('/articles?select=id,sibling_articles(id)&id=eq.2', {
      headers: asService,
    });
    expect(await asServiceRole.json()).toEqual([{ id: 2, sibling_articles: [{ id: 3 }] }]);
  });

  it('fails like PostgREST when the same relation is embedded twice without aliases (42712)', async () => {
    const response = await rest('/articles?select=id,comments(id),comments(body)&id=eq.1');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: '42712',
      details: null,
      hint: null,
      message: 'table name "articles_comments_1" specified more than once',
    });
    const aliased = await rest(
      '/articles?select=id,a:comments(id),b:comments(id)&id=eq.1&a.order=id&b.order=id',
    );
    expect(aliased.status).toBe(200);
  });
});

describe('writes', () => {
  it('missing=default fills an identity column from its sequence instead of failing with 23502', async () => {
    const explicit = 1_000_000 + Math.floor(Math.random() * 1_000_000);
    const response = await rest('/tickets?columns=id,label&select=id,label', {
      method: 'POST',
      headers: { ...asService, prefer: 'missing=default, return=representation' },
      body: JSON.stringify([{ label: 'from the sequence' }, { id: explicit, label: 'given' }]),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('preference-applied')).toBe('missing=default, return=representation');
    const [first, second] = (await response.json()) as Array<{ id: number; label: string }>;
    expect(first).toEqual({ id: expect.any(Number), label: 'from the sequence' });
    expect(first!.id).toBeLessThan(explicit);
    expect(second).toEqual({ id: explicit, label: 'given' });
  });
});

describe('in-database switches in their hosted default (off)', () => {
  it('refuses aggregates with PGRST123', async () => {
    const response = await rest('/comments?select=rating.sum()');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: 'PGRST123',
      details: null,
      hint: null,
      message: 'Use of aggregate functions is not allowed',
    });
  });

  it('refuses EXPLAIN plans with 406 PGRST107', async () => {
    const response = await rest('/comments', {
      headers: { accept: 'application/vnd.pgrst.plan+json; for="application/json"' },
    });
    expect(response.status).toBe(406);
    expect((await response.json()).code).toBe('PGRST107');
  });

  it('commits despite Prefer: tx=rollback (db-tx-end = commit) and does not claim it applied', async () => {
    const key = `tx-${Date.now()}`;
    const response = await rest('/settings', {
      method: 'POST',
      headers: { ...asService, prefer: 'tx=rollback' },
      body: JSON.stringify({ key, value: 'kept' }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('preference-applied')).toBeNull();
    const read = await rest(`/settings?key=eq.${key}&select=key`, { headers: asService });
    expect(await read.json()).toEqual([{ key }]);
  });
});
