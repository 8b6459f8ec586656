/**
 * Row level security enforced by Postgres through the API: two users and anon against owner
 * policies, child-of-owner policies, a public-read table, a security-definer function and a view.
 */
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoPublishableKey, demoSecretKey } from '../../../../dev/config';
import {
  compatClient,
  createTestUser,
  rest,
  serviceClient,
  setupCompatSchema,
  type TestUser,
} from './fixtures';

let alice: TestUser;
let bob: TestUser;
let aliceProject: number;

beforeAll(async () => {
  await setupCompatSchema();
  [alice, bob] = await Promise.all([createTestUser('alice'), createTestUser('bob')]);
  const created = await alice.client.from('projects').insert({ name: 'alice private' }).select('id').single();
  aliceProject = (created.data as { id: number }).id;
  await alice.client.from('tasks').insert({ project_id: aliceProject, title: 'alice task' });
});

describe('owner policies', () => {
  it('shows each user only their own rows, and anon none', async () => {
    const mine = await alice.client.from('projects').select('name, owner_id');
    expect(mine.data).toEqual([{ name: 'alice private', owner_id: alice.id }]);
    const theirs = await bob.client.from('projects').select('id').eq('id', aliceProject);
    expect(theirs).toMatchObject({ status: 200, data: [] });
    const anon = await compatClient().from('projects').select('id');
    expect(anon).toMatchObject({ status: 200, data: [] });
  });

  it('silently skips rows the user may not update or delete', async () => {
    const update = await bob.client
      .from('projects')
      .update({ name: 'hijacked' })
      .eq('id', aliceProject)
      .select();
    expect(update).toMatchObject({ status: 200, data: [] });
    const remove = await bob.client.from('projects').delete().eq('id', aliceProject);
    expect(remove.status).toBe(204);
    const still = await alice.client.from('projects').select('name').eq('id', aliceProject).single();
    expect(still.data).toEqual({ name: 'alice private' });
  });

  it('refuses rows that fail WITH CHECK: 403 for users, 401 for anon', async () => {
    const forged = await bob.client.from('projects').insert({ name: 'forged', owner_id: alice.id });
    expect(forged.status).toBe(403);
    expect(forged.error).toEqual({
      code: '42501',
      message: 'new row violates row-level security policy for table "projects"',
      details: null,
      hint: null,
    });
    const anon = await compatClient().from('projects').insert({ name: 'anon' });
    expect(anon.status).toBe(401);
    expect(anon.error?.code).toBe('42501');
    const moved = await alice.client.from('projects').update({ owner_id: bob.id }).eq('id', aliceProject);
    expect(moved.status).toBe(403);
  });

  it('checks SELECT policies only when the representation is asked for (RETURNING 1 otherwise)', async () => {
    const client = compatClient().from('feedback');
    const minimal = await client.insert({ message: 'hello' });
    expect(minimal.status).toBe(201);
    const represented = await client.insert({ message: 'hello again' }).select();
    expect(represented.status).toBe(401);
    expect(represented.error?.message).toBe(
      'new row violates row-level security policy for table "feedback"',
    );
  });
});

describe('child-of-owner policies', () => {
  it('lets owners add and read tasks of their projects only', async () => {
    const own = await alice.client
      .from('tasks')
      .insert({ project_id: aliceProject, title: 'second' })
      .select('title')
      .single();
    expect(own).toMatchObject({ status: 201, data: { title: 'second' } });
    const foreign = await bob.client.from('tasks').insert({ project_id: aliceProject, title: 'sneaky' });
    expect(foreign.status).toBe(403);
    expect(foreign.error?.code).toBe('42501');
    const bobSees = await bob.client.from('tasks').select('id').eq('project_id', aliceProject);
    expect(bobSees.data).toEqual([]);
    const embedded = await alice.client
      .from('projects')
      .select('name, tasks(title)')
      .eq('id', aliceProject)
      .order('id', { referencedTable: 'tasks' })
      .single();
    expect(embedded.data).toEqual({
      name: 'alice private',
      tasks: [{ title: 'alice task' }, { title: 'second' }],
    });
  });
});

describe('public read data, views and security definer functions', () => {
  it('lets anyone read published articles and nothing else', async () => {
    // Fixture comments only (ids < 100): other test files add their own.
    const anon = await compatClient()
      .from('articles')
      .select('id, comments(id)')
      .lt('comments.id', 100)
      .order('id')
      .order('id', { referencedTable: 'comments' });
    expect(anon.data).toEqual([
      { id: 1, comments: [{ id: 1 }, { id: 2 }, { id: 3 }] },
      { id: 2, comments: [{ id: 4 }] },
      { id: 4, comments: [] },
    ]);
    const write = await compatClient().from('articles').update({ title: 'defaced' }).eq('id', 1);
    expect(write.status).toBe(401);
    expect(write.error).toMatchObject({ code: '42501', message: 'permission denied for table articles' });
    const userWrite = await alice.client.from('articles').delete().eq('id', 1);
    expect(userWrite.status).toBe(403);
  });

  it('applies the caller’s policies through a security_invoker view', async () => {
    const mine = await alice.client.from('my_projects').select('name');
    expect(mine.data).toEqual([{ name: 'alice private' }]);
    const bobs = await bob.client.from('my_projects').select('name');
    expect(bobs.data).toEqual([]);
    // Relationships are inferred through the view from the base table's foreign keys.
    const embedded = await alice.client
      .from('my_projects')
      .select('name, tasks(title)')
      .order('id', { referencedTable: 'tasks' })
      .limit(1, { referencedTable: 'tasks' })
      .single();
    expect(embedded.data).toEqual({ name: 'alice private', tasks: [{ title: 'alice task' }] });
    const parent = await alice.client
      .from('tasks')
      .select('title, my_projects(name)')
      .eq('title', 'alice task')
      .single();
    expect(parent.data).toEqual({ title: 'alice task', my_projects: { name: 'alice private' } });
    const anon = await compatClient().from('my_projects').select('name');
    expect(anon.status).toBe(401);
    expect(anon.error?.message).toBe('permission denied for view my_projects');
  });

  it('runs security definer functions with the owner’s rights, for the roles granted EXECUTE', async () => {
    const total = await bob.client.rpc('project_total');
    expect(total.status).toBe(200);
    expect(total.data).toBeGreaterThanOrEqual(1);
    const anon = await compatClient().rpc('project_total');
    expect(anon.status).toBe(401);
    expect(anon.error?.message).toBe('permission denied for function project_total');
  });

  it('lets service_role bypass RLS', async () => {
    const all = await serviceClient().from('projects').select('id').eq('id', aliceProject);
    expect(all.data).toEqual([{ id: aliceProject }]);
    const drafts = await serviceClient().from('articles').select('id').eq('published', false);
    expect(drafts.data).toEqual([{ id: 3 }]);
  });
});

describe('API keys and tokens', () => {
  it('maps sb_publishable_ to anon and sb_secret_ to service_role, ignoring Bearer sb_ tokens', async () => {
    const publishable = await compatClient({ key: demoPublishableKey }).rpc('whoami');
    expect(publishable.data).toMatchObject({ role: 'anon' });
    const secret = await compatClient({ key: demoSecretKey }).rpc('whoami');
    expect(secret.data).toMatchObject({ role: 'service_role' });
    const userWithPublishable = await compatClient({
      key: demoPublishableKey,
      accessToken: alice.accessToken,
    }).rpc('whoami');
    expect(userWithPublishable.data).toMatchObject({ role: 'authenticated', sub: alice.id });
  });

  it('refuses unknown API keys, bad signatures and expired tokens with 401', async () => {
    const wrongKey = await rest('/articles', { headers: { apikey: 'not-a-key' } });
    expect(wrongKey.status).toBe(401);
    expect(((await wrongKey.json()) as { message: string }).message).toMatch(
      /^`apikey` request header or query parameter is either missing or invalid/,
    );

    const forged = await new SignJWT({ role: 'service_role' })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('x'.repeat(40)));
    const badSignature = await compatClient({ accessToken: forged }).from('articles').select('id');
    expect(badSignature.status).toBe(401);
    expect(badSignature.error).toMatchObject({
      code: 'PGRST301',
      message: 'JWT cryptographic operation failed',
    });

    const expiredToken = await new SignJWT({
      role: 'authenticated',
      sub: alice.id,
      exp: Math.floor(Date.now() / 1000) - 120,
    })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(process.env.SUPABASE_JWT_SECRET as string));
    const expired = await rest('/articles', { headers: { authorization: `Bearer ${expiredToken}` } });
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toBe(
      'Bearer error="invalid_token", error_description="JWT expired"',
    );
    expect(await expired.json()).toEqual({
      code: 'PGRST303',
      message: 'JWT expired',
      details: null,
      hint: null,
    });
  });
});
