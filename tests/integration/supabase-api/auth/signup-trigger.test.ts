/**
 * Sign-up inserts into auth.users with SQL as supabase_auth_admin, so app triggers run in the
 * same transaction with that role, and a failing trigger fails the sign-up like in production.
 * The probe trigger only reacts to its own addresses, so parallel tests are not affected.
 */
import { AuthRetryableFetchError } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, anonClient, superuser, uniqueEmail } from './helpers';

const db = superuser();

beforeAll(async () => {
  await db.query(`
    create schema if not exists auth_trigger_test;
    create table if not exists auth_trigger_test.seen (
      user_id uuid primary key,
      role_seen text not null,
      txid bigint not null,
      full_name text
    );
    grant usage on schema auth_trigger_test to supabase_auth_admin;
    grant insert on auth_trigger_test.seen to supabase_auth_admin;
    -- security invoker on purpose: it runs as whoever inserts the user.
    create or replace function auth_trigger_test.record_signup() returns trigger
    language plpgsql as $$
    begin
      if new.email like 'trigger-probe-%' then
        insert into auth_trigger_test.seen values
          (new.id, current_user, txid_current(), new.raw_user_meta_data ->> 'full_name');
      elsif new.email like 'trigger-fail-%' then
        raise exception 'profile could not be created';
      end if;
      return new;
    end $$;
    create trigger auth_trigger_test_on_signup after insert on auth.users
      for each row execute function auth_trigger_test.record_signup();
  `);
});

afterAll(async () => {
  await db.query(`
    drop trigger if exists auth_trigger_test_on_signup on auth.users;
    drop schema if exists auth_trigger_test cascade;
  `);
  await db.end();
});

describe('sign-up and auth.users triggers', () => {
  it('fires the trigger as supabase_auth_admin in the inserting transaction, with the sign-up data', async () => {
    const { data, error } = await anonClient().auth.signUp({
      email: uniqueEmail('trigger-probe'),
      password: PASSWORD,
      options: { data: { full_name: 'Katherine Johnson' } },
    });
    expect(error).toBeNull();
    const { rows } = await db.query(
      `select s.role_seen, s.full_name, s.txid::text = u.xmin::text as same_transaction
       from auth_trigger_test.seen s join auth.users u on u.id = s.user_id where s.user_id = $1`,
      [data.user?.id],
    );
    expect(rows).toEqual([
      { role_seen: 'supabase_auth_admin', full_name: 'Katherine Johnson', same_transaction: true },
    ]);
  });

  it('fails the sign-up with 500 "Database error saving new user" and leaves no user behind', async () => {
    const email = uniqueEmail('trigger-fail');
    const { data, error } = await anonClient().auth.signUp({ email, password: PASSWORD });
    expect(data.session).toBeNull();
    expect(error).toBeInstanceOf(AuthRetryableFetchError);
    expect(error).toMatchObject({ status: 500, message: 'Database error saving new user' });
    const { rows } = await db.query('select count(*)::int as users from auth.users where email = $1', [
      email,
    ]);
    expect(rows[0].users).toBe(0);
  });
});
