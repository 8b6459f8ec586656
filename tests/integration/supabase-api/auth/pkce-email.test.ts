/**
 * PKCE email flows through the real supabase-js in `flowType: 'pkce'` (the SPA's mode): the link
 * comes back with `?code=`, only the client holding the verifier can trade it, once, and the
 * session's amr says which flow it was. A typed code still works.
 */
import { describe, expect, it } from 'vitest';
import { PASSWORD, claimsOf, env, latestEmail, pkceClient, signedUpUser, uniqueEmail } from './helpers';

async function codeFromLink(link: string): Promise<URL> {
  const response = await fetch(link, { redirect: 'manual' });
  expect(response.status).toBe(303);
  return new URL(response.headers.get('location')!);
}

describe('PKCE email links', () => {
  it('a recovery link returns a code only the requesting client can exchange, once', async () => {
    const { email } = await signedUpUser('pkce-recovery');
    const browser = pkceClient();
    const { error } = await browser.auth.resetPasswordForEmail(email, {
      redirectTo: `${env.appUrl}/reset-password`,
    });
    expect(error).toBeNull();
    const mail = await latestEmail(email, 'recovery');
    expect(mail.link).toContain('token=pkce_');
    const landing = await codeFromLink(mail.link!);
    expect(landing.pathname).toBe('/reset-password');
    expect(landing.hash).toBe('');
    const code = landing.searchParams.get('code')!;

    // Another browser has no verifier for it: nothing to exchange.
    const elsewhere = await pkceClient().auth.exchangeCodeForSession(code);
    expect(elsewhere.data.session).toBeNull();
    expect(elsewhere.error).not.toBeNull();

    const { data, error: exchangeError } = await browser.auth.exchangeCodeForSession(code);
    expect(exchangeError).toBeNull();
    expect(data.session?.user.email).toBe(email);
    expect((claimsOf(data.session!.access_token).amr as { method: string }[])[0]!.method).toBe('recovery');
    // The password can be changed with that session, and the link is used up.
    expect((await browser.auth.updateUser({ password: `${PASSWORD}!` })).error).toBeNull();
    const again = await codeFromLink(mail.link!);
    expect(again.searchParams.get('error_code')).toBe('otp_expired');
  });

  it('a magic link signs in the requesting client with amr magiclink; the emailed code works too', async () => {
    const { email } = await signedUpUser('pkce-magic');
    const browser = pkceClient();
    expect(
      (await browser.auth.signInWithOtp({ email, options: { shouldCreateUser: false } })).error,
    ).toBeNull();
    const mail = await latestEmail(email, 'magiclink');
    const code = (await codeFromLink(mail.link!)).searchParams.get('code')!;
    const { data } = await browser.auth.exchangeCodeForSession(code);
    expect((claimsOf(data.session!.access_token).amr as { method: string }[])[0]!.method).toBe('magiclink');

    const typed = uniqueEmail('pkce-typed');
    const other = pkceClient();
    await other.auth.signInWithOtp({ email: typed });
    const otpMail = await latestEmail(typed, 'magiclink').catch(() => latestEmail(typed, 'signup'));
    const verified = await other.auth.verifyOtp({ email: typed, token: otpMail.otp!, type: 'email' });
    expect(verified.error).toBeNull();
    expect(verified.data.session?.user.email).toBe(typed);
  });
});
