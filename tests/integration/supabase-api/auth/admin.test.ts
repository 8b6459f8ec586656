import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, anonClient, serviceClient, signedUpUser, superuser, uniqueEmail } from './helpers';

const db = superuser();
const admin = serviceClient().auth.admin;

beforeAll(async () => {
  // An app table referencing auth.users, to see deletes cascade as in production.
  await db.query(`create schema if not exists auth_admin_test`);
  await db.query(`create table if not exists auth_admin_test.notes (
    id bigserial primary key,
    user_id uuid not null references auth.users (id) on delete cascade,
    body text not null
  )`);
});

afterAll(async () => {
  await db.query('drop schema if exists auth_admin_test cascade');
  await db.end();
});

describe('admin API with the service-role key', () => {
  it('creates a confirmed user with metadata who can sign in', async () => {
    const email = uniqueEmail('admin-create');
    const { data, error } = await admin.createUser({
      email,
      password: PASSWORD,
      email_confirm: true,
      user_metadata: { full_name: 'Grace Hopper' },
      app_metadata: { plan: 'pro' },
    });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({
      email,
      user_metadata: expect.objectContaining({ full_name: 'Grace Hopper' }),
      app_metadata: { provider: 'email', providers: ['email'], plan: 'pro' },
    });
    const signIn = await anonClient().auth.signInWithPassword({ email, password: PASSWORD });
    expect(signIn.error).toBeNull();
  });

  it('refuses a duplicate email with email_exists', async () => {
    const { email } = await signedUpUser('admin-duplicate');
    const { error } = await admin.createUser({ email, password: PASSWORD });
    expect(error).toMatchObject({ status: 422, code: 'email_exists' });
  });

  it('reads, updates and lists users', async () => {
    const { session } = await signedUpUser('admin-update', { theme: 'dark' });
    const id = session.user.id;
    expect((await admin.getUserById(id)).data.user?.id).toBe(id);

    const { data, error } = await admin.updateUserById(id, {
      user_metadata: { theme: null, locale: 'fr' },
      app_metadata: { role: 'admin' },
    });
    expect(error).toBeNull();
    expect(data.user?.user_metadata).toMatchObject({ locale: 'fr' });
    expect(data.user?.user_metadata).not.toHaveProperty('theme');
    expect(data.user?.app_metadata).toMatchObject({ provider: 'email', role: 'admin' });

    const page = await admin.listUsers({ page: 1, perPage: 2 });
    expect(page.error).toBeNull();
    expect(page.data.users).toHaveLength(2);
    expect(page.data).toMatchObject({ total: expect.any(Number), lastPage: expect.any(Number), nextPage: 2 });
  });

  it('bans a user: sign-in refused and sessions ended', async () => {
    const { client, email, session } = await signedUpUser('admin-ban');
    const { error } = await admin.updateUserById(session.user.id, { ban_duration: '24h' });
    expect(error).toBeNull();
    expect((await anonClient().auth.signInWithPassword({ email, password: PASSWORD })).error?.code).toBe(
      'user_banned',
    );
    expect((await client.auth.getUser()).error).not.toBeNull();
    await admin.updateUserById(session.user.id, { ban_duration: 'none' });
    expect((await anonClient().auth.signInWithPassword({ email, password: PASSWORD })).error).toBeNull();
  });

  it('deletes the auth.users row so app rows cascade', async () => {
    const { session } = await signedUpUser('admin-delete');
    const id = session.user.id;
    await db.query(`insert into auth_admin_test.notes (user_id, body) values ($1, 'hello')`, [id]);
    const { error } = await admin.deleteUser(id);
    expect(error).toBeNull();
    const { rows } = await db.query(
      `select (select count(*)::int from auth.users where id = $1) as users,
              (select count(*)::int from auth_admin_test.notes where user_id = $1) as notes`,
      [id],
    );
    expect(rows[0]).toEqual({ users: 0, notes: 0 });
    expect((await admin.getUserById(id)).error).toMatchObject({ status: 404, code: 'user_not_found' });
  });

  it('refuses user tokens and the anon key with not_admin', async () => {
    const { session } = await signedUpUser('admin-denied');
    const asUser = anonClient();
    await asUser.auth.setSession(session);
    const headers = { Authorization: `Bearer ${session.access_token}` };
    const byUser = await fetch(`${process.env.SUPABASE_URL}/auth/v1/admin/users`, {
      headers: { ...headers, apikey: process.env.SUPABASE_ANON_KEY!, 'x-supabase-api-version': '2024-01-01' },
    });
    expect(byUser.status).toBe(403);
    expect(await byUser.json()).toEqual({ code: 'not_admin', message: 'User not allowed' });

    const byAnon = await anonClient().auth.admin.listUsers();
    expect(byAnon.error).toMatchObject({ status: 403, code: 'not_admin' });
  });
});
