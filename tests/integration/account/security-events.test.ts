/**
 * Auth's security events in audit_logs, written by triggers on auth.sessions and auth.users
 * (ADR 0072): through the local Auth API as supabase-js calls it, and by SQL, which no code of
 * ours sees — the entries must appear either way. Read back as the user under RLS, as the
 * settings page does.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  PASSWORD,
  anonClient,
  claimsOf,
  latestEmail,
  signIn,
  signedUpUser,
  superuser,
  uniqueEmail,
} from '../supabase-api/auth/helpers';

const db = superuser();
afterAll(() => db.end());

interface Event {
  action: string;
  ip: string | null;
  user_agent: string | null;
  metadata: Record<string, unknown>;
}

async function eventsOf(userId: string, since: Date): Promise<Event[]> {
  const { rows } = await db.query<Event>(
    `select action, host(ip) as ip, user_agent, metadata from public.audit_logs
      where actor_id = $1 and action like 'auth.%' and created_at >= $2 order by created_at, action`,
    [userId, since],
  );
  return rows;
}

const sessionOf = (accessToken: string) => claimsOf(accessToken).session_id as string;

describe('security events written by the database', () => {
  it('records a sign-in with its device and method, and its sign-out', async () => {
    const { session, email } = await signedUpUser('events-sign-in');
    const userId = session.user.id;
    const since = new Date();
    const laptop = await signIn(email);
    const laptopSession = sessionOf((await laptop.auth.getSession()).data.session!.access_token);
    expect(await eventsOf(userId, since)).toEqual([
      {
        action: 'auth.sign_in',
        ip: '127.0.0.1',
        user_agent: expect.any(String),
        metadata: { session_id: laptopSession, methods: ['password'] },
      },
    ]);

    const { error } = await laptop.auth.signOut({ scope: 'local' });
    expect(error).toBeNull();
    expect((await eventsOf(userId, since)).map((event) => [event.action, event.metadata.session_id])).toEqual(
      [
        ['auth.sign_in', laptopSession],
        ['auth.sign_out', laptopSession],
      ],
    );
  });

  it('records a sign-out for each session "sign out everywhere else" ends, and none for this one', async () => {
    const { client, session, email } = await signedUpUser('events-others');
    const others = [await signIn(email), await signIn(email)];
    const otherIds = await Promise.all(
      others.map(async (other) => sessionOf((await other.auth.getSession()).data.session!.access_token)),
    );
    const since = new Date();
    expect((await client.auth.signOut({ scope: 'others' })).error).toBeNull();
    const events = await eventsOf(session.user.id, since);
    expect(events.map((event) => event.action)).toEqual(['auth.sign_out', 'auth.sign_out']);
    expect(events.map((event) => event.metadata.session_id).sort()).toEqual([...otherIds].sort());
  });

  it('records a password change through Auth, with the other device signed out', async () => {
    const { client, session, email } = await signedUpUser('events-password');
    await signIn(email);
    const since = new Date();
    const { error } = await client.auth.updateUser({
      password: 'another good password',
      current_password: PASSWORD,
    });
    expect(error).toBeNull();
    const actions = (await eventsOf(session.user.id, since)).map((event) => event.action).sort();
    expect(actions).toEqual(['auth.password_changed', 'auth.sign_out']);
  });

  it('records a password change made by SQL, which no function of ours sees', async () => {
    const { session } = await signedUpUser('events-password-sql');
    const since = new Date();
    await db.query(
      `update auth.users set encrypted_password = '$2a$10$abcdefghijklmnopqrstuuN0tARealHashAtAllXXXXXXXXXXXXXX' where id = $1`,
      [session.user.id],
    );
    await db.query(`update auth.users set encrypted_password = '' where id = $1`, [session.user.id]);
    await db.query(`update auth.users set last_sign_in_at = now() where id = $1`, [session.user.id]);
    expect(await eventsOf(session.user.id, since)).toEqual([
      { action: 'auth.password_changed', ip: null, user_agent: null, metadata: { first: false } },
      { action: 'auth.password_removed', ip: null, user_agent: null, metadata: {} },
    ]);
  });

  it('records an email change when requested and when confirmed, without either address', async () => {
    const { client, session, email } = await signedUpUser('events-email');
    const since = new Date();
    const newEmail = uniqueEmail('events-email-new');
    expect((await client.auth.updateUser({ email: newEmail })).error).toBeNull();
    const toNew = await latestEmail(newEmail, 'email_change');
    const toCurrent = await latestEmail(email, 'email_change');
    expect(
      (await anonClient().auth.verifyOtp({ email: newEmail, token: toNew.otp!, type: 'email_change' })).error,
    ).toBeNull();
    expect(
      (
        await anonClient().auth.verifyOtp({
          token_hash: new URL(toCurrent.link!).searchParams.get('token')!,
          type: 'email_change',
        })
      ).error,
    ).toBeNull();
    const events = await eventsOf(session.user.id, since);
    expect(events.map((event) => event.action).filter((action) => action.startsWith('auth.email'))).toEqual([
      'auth.email_change_requested',
      'auth.email_changed',
    ]);
    expect(JSON.stringify(events)).not.toContain(email);
    expect(JSON.stringify(events)).not.toContain(newEmail);
  });

  it('shows the events to their user only, and deleting a signed-in user records no sign-out', async () => {
    const owner = await signedUpUser('events-owner');
    const stranger = await signedUpUser('events-stranger');
    const mine = await owner.client.from('audit_logs').select('action, actor_id').like('action', 'auth.%');
    expect(mine.error).toBeNull();
    expect(mine.data!.length).toBeGreaterThan(0);
    expect(mine.data!.every((row) => row.actor_id === owner.session.user.id)).toBe(true);
    const theirs = await stranger.client
      .from('audit_logs')
      .select('id')
      .eq('actor_id', owner.session.user.id);
    expect(theirs.data).toEqual([]);
    const forged = await stranger.client
      .from('audit_logs')
      .insert({ actor_id: stranger.session.user.id, action: 'auth.sign_in', target_type: 'user' });
    expect(forged.error).not.toBeNull();

    const before = await eventsOf(owner.session.user.id, new Date(0));
    await db.query('delete from auth.users where id = $1', [owner.session.user.id]);
    const { rows } = await db.query(
      `select count(*)::int as n from public.audit_logs where action = 'auth.sign_out' and metadata ->> 'session_id' = $1`,
      [sessionOf(owner.session.access_token)],
    );
    expect(rows[0].n).toBe(0);
    expect(before.length).toBeGreaterThan(0);
  });
});
