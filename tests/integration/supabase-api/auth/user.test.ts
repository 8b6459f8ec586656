import { AuthSessionMissingError } from '@supabase/supabase-js';
import { afterAll, describe, expect, it } from 'vitest';
import { PASSWORD, anonClient, latestEmail, signIn, signedUpUser, superuser, uniqueEmail } from './helpers';

const db = superuser();
afterAll(() => db.end());

describe('GET /user', () => {
  it('returns the user of a valid access token', async () => {
    const { client, session } = await signedUpUser('get-user', { theme: 'dark' });
    const { data, error } = await client.auth.getUser();
    expect(error).toBeNull();
    expect(data.user).toMatchObject({
      id: session.user.id,
      email: session.user.email,
      user_metadata: { theme: 'dark' },
    });
  });

  it('refuses a forged token with bad_jwt', async () => {
    const { session } = await signedUpUser('forged');
    const [header, payload] = session.access_token.split('.');
    const { error } = await anonClient().auth.getUser(`${header}.${payload}.c2lnbmF0dXJl`);
    expect(error).toMatchObject({ status: 403, code: 'bad_jwt' });
  });

  it('refuses the token of a signed-out session with session_not_found', async () => {
    const { client, session } = await signedUpUser('after-logout');
    await client.auth.signOut();
    const { error } = await anonClient().auth.getUser(session.access_token);
    expect(error).toBeInstanceOf(AuthSessionMissingError);
  });
});

describe('PUT /user', () => {
  it('merges metadata key by key, null deleting a key', async () => {
    const { client } = await signedUpUser('metadata', { theme: 'dark', locale: 'en' });
    const { data, error } = await client.auth.updateUser({ data: { locale: null, avatar: 'a.png' } });
    expect(error).toBeNull();
    expect(data.user?.user_metadata).toMatchObject({ theme: 'dark', avatar: 'a.png' });
    expect(data.user?.user_metadata).not.toHaveProperty('locale');
  });

  it('changes the password and signs out the other sessions', async () => {
    const { client, email, session } = await signedUpUser('password-change');
    const otherDevice = await signIn(email);
    const { error } = await client.auth.updateUser({
      password: 'a brand new password',
      current_password: PASSWORD,
    });
    expect(error).toBeNull();

    const old = await anonClient().auth.signInWithPassword({ email, password: PASSWORD });
    expect(old.error?.code).toBe('invalid_credentials');
    const fresh = await anonClient().auth.signInWithPassword({ email, password: 'a brand new password' });
    expect(fresh.error).toBeNull();

    expect((await client.auth.getUser(session.access_token)).error).toBeNull();
    const other = await otherDevice.auth.getUser();
    expect(other.error).toBeInstanceOf(AuthSessionMissingError);
  });

  it('refuses the current password as the new one', async () => {
    const { client } = await signedUpUser('same-password');
    const { error } = await client.auth.updateUser({ password: PASSWORD, current_password: PASSWORD });
    expect(error).toMatchObject({
      status: 422,
      code: 'same_password',
      message: 'New password should be different from the old password.',
    });
  });

  it('refuses app_metadata from users', async () => {
    const { session } = await signedUpUser('app-metadata');
    const response = await fetch(`${process.env.SUPABASE_URL}/auth/v1/user`, {
      method: 'PUT',
      headers: {
        apikey: process.env.SUPABASE_ANON_KEY!,
        authorization: `Bearer ${session.access_token}`,
        'content-type': 'application/json',
        'x-supabase-api-version': '2024-01-01',
      },
      body: JSON.stringify({ app_metadata: { role: 'admin' } }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'not_admin' });
  });

  it('changes the email once both addresses confirm', async () => {
    const { client, email } = await signedUpUser('email-change');
    const newEmail = uniqueEmail('email-changed');
    const { data, error } = await client.auth.updateUser({ email: newEmail });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ email, new_email: newEmail });

    const toNew = await latestEmail(newEmail, 'email_change');
    const toCurrent = await latestEmail(email, 'email_change');
    const first = await anonClient().auth.verifyOtp({
      email: newEmail,
      token: toNew.otp!,
      type: 'email_change',
    });
    expect(first.error).toBeNull();
    expect(first.data.session).toBeNull();

    const second = await anonClient().auth.verifyOtp({
      token_hash: new URL(toCurrent.link!).searchParams.get('token')!,
      type: 'email_change',
    });
    expect(second.error).toBeNull();
    expect(second.data.user?.email).toBe(newEmail);
    expect(second.data.user).not.toHaveProperty('new_email');

    const { error: signInError } = await anonClient().auth.signInWithPassword({
      email: newEmail,
      password: PASSWORD,
    });
    expect(signInError).toBeNull();
    const { rows } = await db.query(
      `select identity_data ->> 'email' as email from auth.identities where user_id = $1`,
      [data.user?.id],
    );
    expect(rows).toEqual([{ email: newEmail }]);
  });

  it('refuses an email that belongs to someone else', async () => {
    const { client } = await signedUpUser('email-taken');
    const other = await signedUpUser('email-owner');
    const { error } = await client.auth.updateUser({ email: other.email });
    expect(error).toMatchObject({ status: 422, code: 'email_exists' });
  });
});

describe('PUT /user with a new password needs the current one (ADR 0070)', () => {
  const NEW = 'a brand new password';

  /** The account is as it was: the old password signs in, the new one does not, the other device is still signed in. */
  async function expectUnchanged(email: string, otherDevice: Awaited<ReturnType<typeof signIn>>) {
    expect((await anonClient().auth.signInWithPassword({ email, password: PASSWORD })).error).toBeNull();
    const withNew = await anonClient().auth.signInWithPassword({ email, password: NEW });
    expect(withNew.error?.code).toBe('invalid_credentials');
    expect((await otherDevice.auth.getUser()).error).toBeNull();
  }

  it.each([
    ['missing', undefined, 'current_password_required'],
    ['blank', '', 'current_password_required'],
    ['wrong', 'not my password at all', 'current_password_invalid'],
  ])('refuses a %s current password with 400 and changes nothing', async (_label, current, code) => {
    const { client, email } = await signedUpUser('current-password');
    const otherDevice = await signIn(email);
    const { error } = await client.auth.updateUser({
      password: NEW,
      ...(current === undefined ? {} : { current_password: current }),
    });
    expect(error).toMatchObject({
      status: 400,
      code,
      message: 'Current password required when setting new password.',
    });
    await expectUnchanged(email, otherDevice);
  });

  it("changes only the token's own user: another user's password as the current one is refused", async () => {
    const victim = await signedUpUser('current-password-victim');
    const victimDevice = await signIn(victim.email);
    // The attacker knows the victim's password but holds only their own session (own password differs).
    const attacker = anonClient();
    const signedUp = await attacker.auth.signUp({
      email: uniqueEmail('current-password-attacker'),
      password: 'attacker password 1',
    });
    expect(signedUp.error).toBeNull();
    const { error } = await attacker.auth.updateUser({ password: NEW, current_password: PASSWORD });
    expect(error).toMatchObject({ status: 400, code: 'current_password_invalid' });
    await expectUnchanged(victim.email, victimDevice);
  });

  it('refuses a replay of a password change once it has been applied', async () => {
    const { client, email } = await signedUpUser('current-password-replay');
    const body = { password: NEW, current_password: PASSWORD };
    expect((await client.auth.updateUser(body)).error).toBeNull();
    const replay = await client.auth.updateUser({
      password: 'yet another password',
      current_password: PASSWORD,
    });
    expect(replay.error).toMatchObject({ status: 400, code: 'current_password_invalid' });
    expect((await anonClient().auth.signInWithPassword({ email, password: NEW })).error).toBeNull();
  });

  it('metadata and email changes need no password', async () => {
    const { client } = await signedUpUser('current-password-metadata');
    expect((await client.auth.updateUser({ data: { theme: 'dark' } })).error).toBeNull();
  });
});
