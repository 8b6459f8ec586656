import { afterAll, describe, expect, it } from 'vitest';
import {
  PASSWORD,
  anonClient,
  authFetch,
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

const resetPage = `${env.appUrl}/reset-password`;

describe('password recovery', () => {
  it('emails a link whose redirect carries a recovery session, then the new password works', async () => {
    const { email } = await signedUpUser('recover-link');
    const { error } = await anonClient().auth.resetPasswordForEmail(email, { redirectTo: resetPage });
    expect(error).toBeNull();

    const mail = await latestEmail(email, 'recovery');
    expect(mail.subject).toBe('Reset Your Password');
    expect(mail.link).toMatch(
      new RegExp(`^${env.url}/auth/v1/verify\\?token=[0-9a-f]{56}&type=recovery&redirect_to=`),
    );
    expect(mail.text).toContain(mail.otp!);

    const { status, location, fragment } = await followLink(mail.link!);
    expect(status).toBe(303);
    expect(`${location.origin}${location.pathname}`).toBe(resetPage);
    expect(fragment.get('type')).toBe('recovery');
    expect(fragment.get('token_type')).toBe('bearer');
    expect(Number(fragment.get('expires_in'))).toBe(3600);

    const client = anonClient();
    const { error: sessionError } = await client.auth.setSession({
      access_token: fragment.get('access_token')!,
      refresh_token: fragment.get('refresh_token')!,
    });
    expect(sessionError).toBeNull();
    expect((await client.auth.updateUser({ password: 'recovered password' })).error).toBeNull();
    const { error: signInError } = await anonClient().auth.signInWithPassword({
      email,
      password: 'recovered password',
    });
    expect(signInError).toBeNull();

    // The link works once.
    const reused = await followLink(mail.link!);
    expect(reused.fragment.get('error_code')).toBe('otp_expired');
    expect(reused.fragment.get('error_description')).toBe('Email link is invalid or has expired');
  });

  it('verifies the emailed code with POST /verify and signals PASSWORD_RECOVERY', async () => {
    const { email } = await signedUpUser('recover-otp');
    await anonClient().auth.resetPasswordForEmail(email);
    const mail = await latestEmail(email, 'recovery');
    const client = anonClient();
    const events: string[] = [];
    client.auth.onAuthStateChange((event) => events.push(event));
    const { data, error } = await client.auth.verifyOtp({ email, token: mail.otp!, type: 'recovery' });
    expect(error).toBeNull();
    expect(data.session?.user.email).toBe(email);
    expect(events).toContain('PASSWORD_RECOVERY');
    const { rows } = await db.query(
      `select recovery_token, (select count(*)::int from auth.one_time_tokens t where t.user_id = u.id) as pending
       from auth.users u where email = $1`,
      [email],
    );
    expect(rows).toEqual([{ recovery_token: '', pending: 0 }]);
  });

  it('refuses a wrong code with otp_expired', async () => {
    const { email } = await signedUpUser('recover-wrong');
    await anonClient().auth.resetPasswordForEmail(email);
    const { error } = await anonClient().auth.verifyOtp({ email, token: '000000', type: 'recovery' });
    expect(error).toMatchObject({
      status: 403,
      code: 'otp_expired',
      message: 'Token has expired or is invalid',
    });
  });

  it('refuses an expired link', async () => {
    const { email } = await signedUpUser('recover-expired');
    await anonClient().auth.resetPasswordForEmail(email);
    const mail = await latestEmail(email, 'recovery');
    await db.query(`update auth.users set recovery_sent_at = now() - interval '2 hours' where email = $1`, [
      email,
    ]);
    const { fragment } = await followLink(mail.link!);
    expect(fragment.get('error_code')).toBe('otp_expired');
  });

  it('answers the same for unknown addresses and sends nothing', async () => {
    const email = uniqueEmail('recover-unknown');
    const { status, body } = await authFetch('/recover', { method: 'POST', body: { email } });
    expect(status).toBe(200);
    expect(body).toEqual({});
    expect(await emailsTo(email)).toEqual([]);
  });

  it('falls back to the site URL for redirects that are not allowed', async () => {
    const { email } = await signedUpUser('recover-redirect');
    await anonClient().auth.resetPasswordForEmail(email, { redirectTo: 'https://evil.example.com/steal' });
    const mail = await latestEmail(email, 'recovery');
    expect(new URL(mail.link!).searchParams.get('redirect_to')).toBe(env.appUrl);
    const { location } = await followLink(mail.link!);
    expect(location.origin).toBe(new URL(env.appUrl).origin);
  });

  it('sends at most one reset email per minute (config.toml max_frequency)', async () => {
    const { email } = await signedUpUser('recover-twice');
    expect((await anonClient().auth.resetPasswordForEmail(email)).error).toBeNull();
    const { error } = await anonClient().auth.resetPasswordForEmail(email);
    expect(error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' });
    expect(error?.message).toMatch(/^For security purposes, you can only request this after \d+ seconds\.$/);
    expect(await emailsTo(email)).toHaveLength(1);
  });

  it('keeps the password until the link is used', async () => {
    const { email } = await signedUpUser('recover-unused');
    await anonClient().auth.resetPasswordForEmail(email);
    const { error } = await anonClient().auth.signInWithPassword({ email, password: PASSWORD });
    expect(error).toBeNull();
  });
});
