/**
 * A suspended account's access token, kept by whoever holds it, reads and writes nothing through
 * the Data API and Storage until it expires (ADR 0080): the restrictive standing policies, not the
 * session, close it, because hosted Supabase accepts the JWT until its expiry. Reinstating opens
 * it again; other users never notice.
 */
import { randomUUID } from 'node:crypto';
import type { WebSocketLikeConstructor } from '@supabase/realtime-js';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import userSuspension from '../../../netlify/functions/admin-user-suspension.mjs';
import { closeDbPools } from '../../../netlify/lib/db';
import { admin, call, db, member, type Actor } from './harness';

let staff: Actor;
let holder: Actor;
let bystander: Actor;
/** What an attacker keeps: the raw access token, used without any session around it. */
let stolen: SupabaseClient;

/** Node 20 has no WebSocket and supabase-js builds Realtime eagerly; these clients never open a channel. */
class NoRealtime {
  constructor() {
    throw new Error('Realtime is not used here');
  }
}
const tokenClient = (token: string) =>
  createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_ANON_KEY!, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: NoRealtime as unknown as WebSocketLikeConstructor },
    global: { headers: { Authorization: `Bearer ${token}` } },
  });

const suspend = (userId: string, suspended: boolean) =>
  call(userSuspension, `/api/admin/users/${userId}/suspension`, {
    token: staff.token,
    params: { id: userId },
    body: { suspended, reason: suspended ? 'Chargeback fraud' : 'Cleared' },
  });

/** The user's own rows the SPA reads, one query each (count of rows the caller gets back). */
async function ownRows(client: SupabaseClient) {
  const read = async (table: string) => {
    const { data, error } = await client.from(table).select('*');
    if (error) throw new Error(`${table}: ${error.message}`);
    return data.length;
  };
  return {
    profiles: await read('profiles'),
    user_profiles: await read('user_profiles'),
    user_settings: await read('user_settings'),
    credit_accounts: await read('credit_accounts'),
    credit_ledger: await read('credit_ledger'),
    notifications: await read('notifications'),
    support_tickets: await read('support_tickets'),
  };
}

const displayName = async (userId: string) =>
  (await db.query('select display_name from public.user_profiles where user_id = $1', [userId])).rows[0]
    ?.display_name as string | null;

beforeAll(async () => {
  [staff, holder, bystander] = await Promise.all([admin(), member('holder'), member('bystander')]);
  for (const user of [holder, bystander]) {
    await db.query(
      `insert into public.notifications (user_id, kind, title, body) values ($1, 'system', 'Welcome', 'Hello')`,
      [user.id],
    );
    const { error } = await user.client.rpc('open_support_ticket', {
      p_subject: 'Invoice question',
      p_category: 'billing',
      p_body: 'Where is my invoice?',
    });
    if (error) throw new Error(error.message);
  }
  stolen = tokenClient(holder.token);
});
afterAll(async () => {
  await db.end();
  await closeDbPools();
});

describe("a suspended account's unexpired access token", () => {
  it('reads its rows before the suspension', async () => {
    expect(await ownRows(stolen)).toEqual({
      profiles: 1,
      user_profiles: 1,
      user_settings: 1,
      credit_accounts: 1,
      credit_ledger: expect.any(Number),
      notifications: 1,
      support_tickets: 1,
    });
  });

  it('reads nothing and writes nothing once the account is suspended, while other users are unaffected', async () => {
    expect((await suspend(holder.id, true)).status).toBe(200);

    // The Data API still accepts the token (no error: hosted PostgREST would too); RLS returns nothing.
    expect(await ownRows(stolen)).toEqual({
      profiles: 0,
      user_profiles: 0,
      user_settings: 0,
      credit_accounts: 0,
      credit_ledger: 0,
      notifications: 0,
      support_tickets: 0,
    });

    const before = await displayName(holder.id);
    const renamed = await stolen
      .from('user_profiles')
      .update({ display_name: 'Renamed while suspended' })
      .eq('user_id', holder.id)
      .select();
    expect(renamed.data ?? []).toEqual([]);
    expect(await displayName(holder.id)).toBe(before);

    const dismissed = await stolen.from('notifications').delete().eq('user_id', holder.id).select();
    expect(dismissed.data ?? []).toEqual([]);
    const opened = await stolen.rpc('open_support_ticket', {
      p_subject: 'Opened while suspended',
      p_category: 'billing',
      p_body: 'This must not be stored.',
    });
    expect(opened.error?.code).toBe('42501');
    const upload = await stolen.storage
      .from('avatars')
      .upload(
        `${holder.id}/${randomUUID()}.png`,
        new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }),
      );
    expect(upload.error).not.toBeNull();
    const { rows } = await db.query(
      `select (select count(*)::int from public.notifications where user_id = $1) as notifications,
              (select count(*)::int from public.support_tickets where user_id = $1) as tickets,
              (select count(*)::int from storage.objects where bucket_id = 'avatars' and name like $1 || '/%') as avatars`,
      [holder.id],
    );
    expect(rows[0]).toEqual({ notifications: 1, tickets: 1, avatars: 0 });

    // Another user's token reads and writes as before.
    const other = tokenClient(bystander.token);
    expect(await ownRows(other)).toMatchObject({
      profiles: 1,
      user_profiles: 1,
      notifications: 1,
      support_tickets: 1,
    });
    const theirs = await other
      .from('user_profiles')
      .update({ display_name: 'Still here' })
      .eq('user_id', bystander.id)
      .select('display_name');
    expect(theirs.data).toEqual([{ display_name: 'Still here' }]);
  });

  it('reads and writes again once the account is reinstated', async () => {
    expect((await suspend(holder.id, false)).status).toBe(200);
    expect(await ownRows(stolen)).toMatchObject({
      profiles: 1,
      user_profiles: 1,
      notifications: 1,
      support_tickets: 1,
    });
    const renamed = await stolen
      .from('user_profiles')
      .update({ display_name: 'Back again' })
      .eq('user_id', holder.id)
      .select('display_name');
    expect(renamed.data).toEqual([{ display_name: 'Back again' }]);
  });
});

describe('the standing policies', () => {
  it('cover every table and operation a signed-in user (not anon) is granted, in one shape', async () => {
    const { rows } = await db.query<{ target: string; restrictive: string | null }>(
      `select granted.schemaname || '.' || granted.tablename || ' ' || granted.cmd as target,
              coalesce(standing.qual, standing.with_check) as restrictive
         from (select distinct schemaname, tablename, cmd from pg_policies
                where schemaname in ('public', 'storage', 'realtime') and permissive = 'PERMISSIVE'
                  and 'authenticated' = any (roles) and not 'anon' = any (roles)) granted
         left join pg_policies standing
           on standing.schemaname = granted.schemaname and standing.tablename = granted.tablename
          and standing.cmd = granted.cmd and standing.permissive = 'RESTRICTIVE'
          and coalesce(standing.qual, standing.with_check) like '%caller_in_good_standing()%'
        order by 1`,
    );
    expect(rows.length).toBeGreaterThan(40);
    expect(rows.filter((row) => row.restrictive === null)).toEqual([]);
  });
});
