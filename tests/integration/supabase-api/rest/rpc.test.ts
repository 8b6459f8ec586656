/**
 * RPC through supabase-js: POST and GET, overloads by argument names, access modes, scalar /
 * object / set / void results, counts, and errors raised by functions.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compatClient, createTestUser, rest, setupCompatSchema, type TestUser } from './fixtures';

let user: TestUser;
beforeAll(async () => {
  await setupCompatSchema();
  user = await createTestUser('rpc');
});

describe('calling functions', () => {
  it('returns scalars, sets, objects and arrays of rows', async () => {
    const client = compatClient();
    expect(await client.rpc('add', { a: 2, b: 3 })).toMatchObject({ status: 200, data: 5 });
    expect((await client.rpc('add', { a: 2, b: 3 }, { get: true })).data).toBe(5);
    expect((await client.rpc('numbers', { up_to: 3 })).data).toEqual([1, 2, 3]);
    expect((await client.rpc('sum_all', { nums: [1, 2, 3] })).data).toBe(6);
    expect((await client.rpc('sum_all', { nums: [4, 5] }, { get: true })).data).toBe(9);
    expect((await client.rpc('echo', { any: ['json', 1] })).data).toEqual({ any: ['json', 1] });

    const created = await user.client.rpc('create_project', { name: 'from rpc' });
    expect(created.status).toBe(200);
    expect(created.data).toMatchObject({ name: 'from rpc', owner_id: user.id, status: 'active' });
    const tasks = await user.client.rpc('my_tasks').select('id');
    expect(tasks.data).toEqual([]);
  });

  it('filters, orders and counts set-returning functions', async () => {
    const client = compatClient();
    const project = await user.client.rpc('create_project', { name: 'with tasks' });
    const projectId = (project.data as { id: number }).id;
    await user.client.from('tasks').insert([
      { project_id: projectId, title: 'one', done: true, priority: 1 },
      { project_id: projectId, title: 'two', done: false, priority: 2 },
      { project_id: projectId, title: 'three', done: true, priority: 3 },
    ]);
    const done = await user.client
      .rpc('my_tasks', { done: true })
      .select('title, project:projects(name)')
      .order('priority', { ascending: false });
    expect(done.data).toEqual([
      { title: 'three', project: { name: 'with tasks' } },
      { title: 'one', project: { name: 'with tasks' } },
    ]);
    const filtered = await user.client
      .rpc('my_tasks', {}, { count: 'exact' })
      .select('title')
      .gt('priority', 1)
      .order('priority');
    expect(filtered.count).toBe(2);
    expect(filtered.data).toEqual([{ title: 'two' }, { title: 'three' }]);
    const head = await client.rpc('numbers', { up_to: 4 }, { head: true, count: 'exact' });
    expect(head.status).toBe(200);
    expect(head.count).toBe(4);
  });

  it('chooses overloads by argument names and uses defaults', async () => {
    const client = compatClient();
    expect((await client.rpc('greet')).data).toBe('hello world');
    expect((await client.rpc('greet', { name: 'ann' })).data).toBe('hello ann');
    expect((await client.rpc('greet', { first: 'ann', last: 'lee' }, { get: true })).data).toBe(
      'hello ann lee',
    );
  });

  it('passes variadic arguments from arrays and repeated query keys', async () => {
    expect((await compatClient().rpc('joined', { parts: ['a', 'b', 'c'] })).data).toBe('a-b-c');
    expect(await (await rest('/rpc/joined?parts=x&parts=y')).json()).toBe('x-y');
    expect(await (await rest('/rpc/joined?parts=solo')).json()).toBe('solo');
  });

  it('applies Prefer: timezone to the transaction', async () => {
    const response = await rest('/rpc/now_in_zone', { headers: { prefer: 'timezone=America/Sao_Paulo' } });
    expect(await response.json()).toBe('America/Sao_Paulo');
    expect(response.headers.get('preference-applied')).toBe('timezone=America/Sao_Paulo');
  });

  it('answers 204 for void functions', async () => {
    const result = await compatClient().rpc('touch');
    expect(result.status).toBe(204);
    expect(result.data).toBeNull();
  });

  it('runs GET and stable functions read-only, volatile POSTs read-write', async () => {
    const readOnly = await user.client.rpc('create_project', { name: 'via get' }, { get: true });
    expect(readOnly.status).toBe(405);
    expect(readOnly.error).toMatchObject({
      code: '25006',
      message: 'cannot execute INSERT in a read-only transaction',
    });
    const whoami = await user.client.rpc('whoami');
    expect(whoami.data).toMatchObject({
      role: 'authenticated',
      sub: user.id,
      method: 'POST',
      path: '/rpc/whoami',
      search_path: '"compat", "public", "extensions"',
      read_only: 'on',
      statement_timeout: '8s',
    });
    const anon = await compatClient().rpc('whoami', {}, { get: true });
    expect(anon.data).toMatchObject({
      role: 'anon',
      sub: null,
      method: 'GET',
      read_only: 'on',
      statement_timeout: '3s',
    });
  });
});

describe('function errors', () => {
  it('passes RAISE EXCEPTION through as 400 P0001 and custom SQLSTATEs as their status', async () => {
    const client = compatClient();
    const raised = await client.rpc('fail', { message: 'nope' });
    expect(raised.status).toBe(400);
    expect(raised.error).toEqual({
      code: 'P0001',
      message: 'nope',
      details: 'from compat.fail',
      hint: 'a hint',
    });
    const payment = await client.rpc('payment_required');
    expect(payment.status).toBe(402);
    expect(payment.error?.code).toBe('PT402');
  });

  it('answers PGRST202 for unknown functions or argument sets', async () => {
    const client = compatClient();
    // Hints come from PostgREST's fuzzy search (similarity ≥ 0.75 for names): `adds` is close to
    // `add`, `ad` is not.
    const unknown = await client.rpc('adds', { a: 1, b: 2 });
    expect(unknown.status).toBe(404);
    expect(unknown.error).toEqual({
      code: 'PGRST202',
      message: 'Could not find the function compat.adds(a, b) in the schema cache',
      details:
        'Searched for the function compat.adds with parameters a, b or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
      hint: 'Perhaps you meant to call the function compat.add',
    });
    expect((await client.rpc('ad', { a: 1, b: 2 })).error?.hint).toBeNull();
    // One argument: "with parameter", and the closest parameter list of the function as the hint.
    const wrongArgs = await client.rpc('add', { a: 1 });
    expect(wrongArgs.status).toBe(404);
    expect(wrongArgs.error).toEqual({
      code: 'PGRST202',
      message: 'Could not find the function compat.add(a) in the schema cache',
      details:
        'Searched for the function compat.add with parameter a or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
      hint: 'Perhaps you meant to call the function compat.add(a, b)',
    });
    const put = await rest('/rpc/add', { method: 'PUT' });
    expect(put.status).toBe(405);
  });

  it('answers PGRST203 (300) for overloads it cannot choose between, ordered by their parameters as PostgREST does', async () => {
    const client = compatClient();
    for (const a of ['text', 1]) {
      const result = await client.rpc('ambiguous', { a });
      expect(result.status).toBe(300);
      expect(result.error).toMatchObject({
        code: 'PGRST203',
        message:
          'Could not choose the best candidate function between: compat.ambiguous(a => integer), compat.ambiguous(a => text)',
      });
    }
    // Created no-parameter first, yet the shorter list is first either way.
    const unnamed = await client.rpc('ambiguous_default');
    expect(unnamed.error?.message).toBe(
      'Could not choose the best candidate function between: compat.ambiguous_default(), compat.ambiguous_default( => text)',
    );
  });
});
