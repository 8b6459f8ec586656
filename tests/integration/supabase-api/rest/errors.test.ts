/**
 * Malformed requests: each gets PostgREST's error code, status and body shape, and changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { compatClient, rest, setupCompatSchema, withDatabase } from './fixtures';

beforeAll(setupCompatSchema);

const json = { 'content-type': 'application/json' };

async function settingValue(key: string): Promise<string | undefined> {
  return withDatabase(async (client) => {
    const { rows } = await client.query<{ value: string }>(
      'select value from compat.settings where key = $1',
      [key],
    );
    return rows[0]?.value;
  });
}

describe('query-string errors (PGRST100) change nothing', () => {
  it('reports a bad operator with the parser position', async () => {
    const response = await rest('/type_samples?id=eqq.1');
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('proxy-status')).toBe('PostgREST; error=PGRST100');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      code: 'PGRST100',
      message: '"failed to parse filter (eqq.1)" (line 1, column 1)',
      hint: null,
    });
    expect(Object.keys(body).sort()).toEqual(['code', 'details', 'hint', 'message']);
  });

  it('reports bad select, order, logic trees and limits', async () => {
    for (const query of [
      'select=id,(',
      'order=id.sideways',
      'or=(id.eq.1',
      'limit=-1',
      'id=in.(1,2',
      'select=count()',
    ]) {
      const response = await rest(`/type_samples?${query}`);
      expect(response.status, query).toBe(400);
      const body = (await response.json()) as { code: string };
      expect(body.code, query).toBe(query === 'select=count()' ? 'PGRST123' : 'PGRST100');
    }
  });

  it('does not update anything when the filter is malformed', async () => {
    const key = `err-${randomUUID()}`;
    await compatClient().from('settings').insert({ key, value: 'kept' });
    const response = await rest(`/settings?key=equals.${key}`, {
      method: 'PATCH',
      body: JSON.stringify({ value: 'changed' }),
      headers: json,
    });
    expect(response.status).toBe(400);
    const invalidJson = await rest(`/settings?key=eq.${key}`, {
      method: 'PATCH',
      body: '{"value":',
      headers: json,
    });
    expect(invalidJson.status).toBe(400);
    expect(((await invalidJson.json()) as { code: string }).code).toBe('PGRST102');
    expect(await settingValue(key)).toBe('kept');
  });
});

describe('unknown things', () => {
  it('unknown column → 400 42703 from Postgres', async () => {
    const { status, error } = await compatClient().from('type_samples').select('id, nope');
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: '42703', message: 'column type_samples.nope does not exist' });
  });

  it('unknown table → 404 PGRST205 with a suggestion', async () => {
    const { status, error } = await compatClient().from('article').select();
    expect(status).toBe(404);
    expect(error).toEqual({
      code: 'PGRST205',
      message: "Could not find the table 'compat.article' in the schema cache",
      details: null,
      hint: "Perhaps you meant the table 'compat.articles'",
    });
  });

  it('non-exposed schema → 406 PGRST106', async () => {
    const response = await rest('/users', { headers: { 'accept-profile': 'auth' } });
    expect(response.status).toBe(406);
    expect(await response.json()).toEqual({
      code: 'PGRST106',
      message: 'Invalid schema: auth',
      details: null,
      hint: 'Only the following schemas are exposed: public, graphql_public, compat',
    });
  });

  it('unsupported media type → 406 PGRST107; bad path → 404 PGRST125; bad method → 405 PGRST117', async () => {
    const media = await rest('/type_samples', { headers: { accept: 'text/html' } });
    expect(media.status).toBe(406);
    expect(((await media.json()) as { code: string }).code).toBe('PGRST107');
    for (const bad of ['/type_samples/1', '/%E0%A4%A']) {
      const path = await rest(bad);
      expect(path.status).toBe(404);
      expect(((await path.json()) as { code: string }).code).toBe('PGRST125');
    }
    const method = await rest('/type_samples', { method: 'PROPFIND' });
    expect(method.status).toBe(405);
    expect(await method.json()).toMatchObject({
      code: 'PGRST117',
      message: 'Unsupported HTTP method: PROPFIND',
    });
  });

  it('invalid preferences with handling=strict → 400 PGRST122', async () => {
    const response = await rest('/type_samples', { headers: { prefer: 'handling=strict, nonsense=1' } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      code: 'PGRST122',
      details: 'Invalid preferences: nonsense=1',
    });
  });

  it('values of the wrong type → 400 22P02', async () => {
    const { status, error } = await compatClient().from('type_samples').select('id').eq('id', 'one');
    expect(status).toBe(400);
    expect(error).toMatchObject({ code: '22P02', message: 'invalid input syntax for type bigint: "one"' });
  });
});

describe('bodies', () => {
  it('refuses oversize bodies with 413 and stores nothing', async () => {
    const key = `big-${randomUUID()}`;
    const response = await rest('/settings', {
      method: 'POST',
      body: JSON.stringify({ key, value: 'x'.repeat(5 * 1024 * 1024) }),
      headers: json,
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'PGRST102', message: 'Request body too large' });
    expect(await settingValue(key)).toBeUndefined();
  });
});
