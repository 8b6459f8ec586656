/**
 * Magic link / email OTP through the real supabase-js: `signInWithOtp` writes the link and the
 * 6-digit code to the dev outbox, `verifyOtp` (or the link) signs in; unknown addresses are signed
 * up unless `shouldCreateUser: false`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  anonClient,
  emailsTo,
  env,
  followLink,
  latestEmail,
  signedUpUser,
  superuser,
  uniqueEmail,
} from './helpers';

const db = superuser();
afterAll(() => db.end());

describe('email OTP / magic link', () => {
  it('signs up an unknown address and signs it in with the emailed code', async () => {
    const email = uniqueEmail('otp-new');
    const client = anonClient();
    const sent = await client.auth.signInWithOtp({ email, options: { data: { full_name: 'Otto' } } });
    expect(sent.error).toBeNull();
    expect(sent.data).toEqual({ user: null, session: null });

    const mail = await latestEmail(email, 'magiclink');
    expect(mail.subject).toBe('Your Magic Link');
    expect(mail.otp).toMatch(/^\d{6}$/);
    expect(mail.link).toMatch(
      new RegExp(`^${env.url}/auth/v1/verify\\?token=[0-9a-f]{56}&type=magiclink&redirect_to=`),
    );

    const { data, error } = await client.auth.verifyOtp({ email, token: mail.otp!, type: 'email' });
    expect(error).toBeNull();
    expect(data.user?.email).toBe(email);
    expect(data.user?.user_metadata).toMatchObject({ full_name: 'Otto', email, email_verified: true });
    const claims = JSON.parse(Buffer.from(data.session!.access_token.split('.')[1]!, 'base64url').toString());
    expect(claims.amr[0].method).toBe('otp');

    // The code is used up.
    const again = await anonClient().auth.verifyOtp({ email, token: mail.otp!, type: 'email' });
    expect(again.error).toMatchObject({
      code: 'otp_expired',
      status: 403,
      message: 'Token has expired or is invalid',
    });
  });

  it('signs an existing user in through the link, into the app with the session in the fragment', async () => {
    const { email, session } = await signedUpUser('otp-link');
    const redirectTo = `${env.appUrl}/dashboard`;
    expect(
      (await anonClient().auth.signInWithOtp({ email, options: { emailRedirectTo: redirectTo } })).error,
    ).toBeNull();
    const mail = await latestEmail(email, 'magiclink');
    const { status, location, fragment } = await followLink(mail.link!);
    expect(status).toBe(303);
    expect(`${location.origin}${location.pathname}`).toBe(redirectTo);
    expect(fragment.get('type')).toBe('magiclink');
    const { data } = await anonClient().auth.getUser(fragment.get('access_token')!);
    expect(data.user?.id).toBe(session.user.id);
    // No second account, no password change.
    const { rows } = await db.query('select count(*)::int as n from auth.users where email = $1', [email]);
    expect(rows[0].n).toBe(1);
  });

  it('does not create an account when asked not to, and refuses a wrong code', async () => {
    const email = uniqueEmail('otp-none');
    const { error } = await anonClient().auth.signInWithOtp({ email, options: { shouldCreateUser: false } });
    expect(error).toMatchObject({
      code: 'otp_disabled',
      status: 422,
      message: 'Signups not allowed for otp',
    });
    expect(await emailsTo(email)).toEqual([]);
    const { rows } = await db.query('select count(*)::int as n from auth.users where email = $1', [email]);
    expect(rows[0].n).toBe(0);

    const { email: known } = await signedUpUser('otp-wrong');
    await anonClient().auth.signInWithOtp({ email: known });
    const wrong = await anonClient().auth.verifyOtp({ email: known, token: '000000', type: 'email' });
    expect(wrong.error).toMatchObject({ code: 'otp_expired', status: 403 });
    expect(wrong.data.session).toBeNull();
  });

  it('reauthenticate: emails the signed-in user a nonce, and asks for a session first', async () => {
    const { client, email } = await signedUpUser('reauth');
    const { data, error } = await client.auth.reauthenticate();
    expect(error).toBeNull();
    expect(data).toEqual({ user: null, session: null });
    const mail = await latestEmail(email, 'reauthentication');
    expect(mail.otp).toMatch(/^\d{6}$/);
    const { rows } = await db.query('select reauthentication_sent_at from auth.users where email = $1', [
      email,
    ]);
    expect(rows[0].reauthentication_sent_at).not.toBeNull();

    const anonymous = await anonClient().auth.reauthenticate();
    expect(anonymous.error?.name).toBe('AuthSessionMissingError');
  });
});
