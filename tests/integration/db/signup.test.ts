// The auth.users triggers: every new user gets profiles, user_profiles, user_settings and a credit
// account in the signup transaction (all or nothing); the free allowance once the email is confirmed.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createPool, createUser, sqlState } from './support/database';

const pool = createPool(3);
afterAll(() => pool.end());

const rowsFor = async (id: string) =>
  (
    await pool.query(
      `select (select count(*)::int from auth.users where id = $1) as auth_user,
              (select count(*)::int from public.profiles where id = $1) as profile,
              (select count(*)::int from public.user_profiles where user_id = $1) as user_profile,
              (select count(*)::int from public.user_settings where user_id = $1) as settings,
              (select count(*)::int from public.credit_accounts where user_id = $1) as account,
              (select count(*)::int from public.credit_ledger where user_id = $1) as ledger`,
      [id],
    )
  ).rows[0];

describe('signup trigger', () => {
  it('creates the profile rows and the credit account, with the display name from the metadata', async () => {
    const user = await createUser(pool, 'Ada Lovelace');
    expect(await rowsFor(user.id)).toEqual({
      auth_user: 1,
      profile: 1,
      user_profile: 1,
      settings: 1,
      account: 1,
      ledger: 1,
    });
    const { rows } = await pool.query(
      `select p.plan, p.plan_status, p.role, u.display_name, s.default_provider, s.streaming
       from public.profiles p join public.user_profiles u on u.user_id = p.id join public.user_settings s on s.user_id = p.id
       where p.id = $1`,
      [user.id],
    );
    expect(rows[0]).toEqual({
      plan: 'free',
      plan_status: 'active',
      role: 'member',
      display_name: 'Ada Lovelace',
      // No default model until the user picks one: each employee answers on its own (ADR 0082).
      default_provider: null,
      streaming: true,
    });
  });

  it('is atomic: when any part fails, the auth user is not created either', async () => {
    const id = randomUUID();
    const client = await pool.connect();
    try {
      // Plant a settings row for the future user (FK checks off), so the trigger's insert collides.
      await client.query('set session_replication_role = replica');
      await client.query('insert into public.user_settings (user_id) values ($1)', [id]);
      await client.query('set session_replication_role = origin');

      const signup = client.query(
        `insert into auth.users (id, aud, role, email) values ($1, 'authenticated', 'authenticated', $2)`,
        [id, `atomic-${id.slice(0, 8)}@test.local`],
      );
      expect(await sqlState(signup)).toBe('23505');
      expect(await rowsFor(id)).toEqual({
        auth_user: 0,
        profile: 0,
        user_profile: 0,
        settings: 1,
        account: 0,
        ledger: 0,
      });
    } finally {
      await client.query('set session_replication_role = origin');
      await client.query('delete from public.user_settings where user_id = $1', [id]);
      client.release();
    }
  });

  it('grants the free allowance only when the email is confirmed, once however often it is confirmed', async () => {
    const id = randomUUID();
    await pool.query(
      `insert into auth.users (id, aud, role, email, created_at, updated_at)
       values ($1, 'authenticated', 'authenticated', $2, now(), now())`,
      [id, `unconfirmed-${id.slice(0, 8)}@test.local`],
    );
    const balance = async () =>
      (
        await pool.query<{ allowance: string; grants: number }>(
          `select a.allowance_balance::text as allowance,
                  (select count(*)::int from public.credit_ledger l where l.user_id = a.user_id and l.kind = 'allowance_grant') as grants
           from public.credit_accounts a where a.user_id = $1`,
          [id],
        )
      ).rows[0];
    expect(await balance()).toEqual({ allowance: '0', grants: 0 });

    await pool.query('update auth.users set email_confirmed_at = now() where id = $1', [id]);
    const { rows } = await pool.query<{ credits: string }>(
      `select monthly_credits::text as credits from public.plans where id = 'free'`,
    );
    expect(await balance()).toEqual({ allowance: rows[0]!.credits, grants: 1 });

    // Unconfirm and confirm again (an email change re-confirming, an admin fixing a row): no second grant.
    await pool.query('update auth.users set email_confirmed_at = null where id = $1', [id]);
    await pool.query('update auth.users set email_confirmed_at = now() where id = $1', [id]);
    expect(await balance()).toEqual({ allowance: rows[0]!.credits, grants: 1 });
  });
});
