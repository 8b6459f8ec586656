// How admins come to be: the demo admin's password is random and new at every platform start (never
// the seed's known one), and `npm run make-admin` promotes a signed-up user through the audited
// private.set_user_role — the same function the production SQL statement calls.
import { afterAll, describe, expect, it } from 'vitest';
import { demoAdminEmail, resetDemoAdminPassword } from '../../../dev/admin/demo-admin';
import { setUserRole } from '../../../dev/admin/make-admin';
import { createPool, databaseUrl } from '../db/support/database';
import { anonClient, signUp } from '../rls/support/actors';

const db = createPool(2);
afterAll(() => db.end());

async function signsIn(password: string) {
  const { data, error } = await anonClient().auth.signInWithPassword({ email: demoAdminEmail, password });
  return error === null && data.session !== null;
}

describe('the demo admin', () => {
  it('cannot sign in with the seed password; a reset gives a fresh password that works, and the previous stops working', async () => {
    expect(await signsIn('password123')).toBe(false);
    const first = await resetDemoAdminPassword(databaseUrl());
    const second = await resetDemoAdminPassword(databaseUrl());
    expect(first).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(second).not.toBe(first);
    expect(await signsIn(second as string)).toBe(true);
    expect(await signsIn(first as string)).toBe(false);
    const { rows } = await db.query(
      `select role from public.profiles where id = (select id from auth.users where email = $1)`,
      [demoAdminEmail],
    );
    expect(rows).toEqual([{ role: 'admin' }]);
  });
});

describe('make-admin', () => {
  it('promotes a signed-up member, audited with before/after; --revoke demotes again', async () => {
    const user = await signUp('future-admin');
    const role = async () =>
      (await db.query<{ role: string }>('select role from public.profiles where id = $1', [user.id])).rows[0]
        ?.role;

    expect(await setUserRole(databaseUrl(), user.email.toUpperCase(), 'admin')).toEqual({
      userId: user.id,
      roleBefore: 'member',
      roleAfter: 'admin',
    });
    expect(await role()).toBe('admin');
    await setUserRole(databaseUrl(), user.email, 'member');
    expect(await role()).toBe('member');

    const { rows } = await db.query(
      `select action, actor_id, metadata -> 'before' as before, metadata -> 'after' as after
         from public.audit_logs where target_id = $1 order by created_at`,
      [user.id],
    );
    expect(rows).toEqual([
      { action: 'admin.role_change', actor_id: null, before: { role: 'member' }, after: { role: 'admin' } },
      { action: 'admin.role_change', actor_id: null, before: { role: 'admin' }, after: { role: 'member' } },
    ]);
  });

  it('refuses an unknown email with a clear message and changes nothing', async () => {
    const before = (
      await db.query(`select count(*)::int as n from public.audit_logs where action = 'admin.role_change'`)
    ).rows[0].n;
    await expect(setUserRole(databaseUrl(), 'nobody-here@example.com', 'admin')).rejects.toThrow(
      'no user has the email nobody-here@example.com: sign up first',
    );
    expect(
      (await db.query(`select count(*)::int as n from public.audit_logs where action = 'admin.role_change'`))
        .rows[0].n,
    ).toBe(before);
  });

  it('is not callable by the API roles, even with the service key', async () => {
    for (const role of ['authenticated', 'service_role']) {
      const client = await db.connect();
      try {
        await client.query('begin');
        await client.query(`set local role ${role}`);
        await expect(
          client.query(`select * from private.set_user_role('x@example.com', 'admin')`),
        ).rejects.toThrow(/permission denied/);
      } finally {
        await client.query('rollback');
        client.release();
      }
    }
  });
});
