/**
 * Confirm-email mode (`autoconfirm: false`): a second local API on its own port, same database,
 * its own outbox.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPublishableKey, demoSecretKey } from '../../../../dev/config';
import { freePort } from '../../../../dev/ports';
import { startSupabaseApi, type SupabaseApiServer } from '../../../../dev/supabase/server';
import {
  PASSWORD,
  anonClient,
  claimsOf,
  emailsTo,
  env,
  followLink,
  latestEmail,
  pkceClient,
  superuser,
  uniqueEmail,
} from './helpers';

let server: SupabaseApiServer;
let outboxDir: string;
const db = superuser();

beforeAll(async () => {
  outboxDir = await mkdtemp(path.join(os.tmpdir(), 'auth-confirm-outbox-'));
  const port = await freePort();
  server = await startSupabaseApi(
    {
      apiUrl: `http://127.0.0.1:${port}`,
      databaseUrl: env.databaseUrl,
      jwt: { secret: env.jwtSecret, audience: 'authenticated' },
      exposedSchemas: ['public'],
      anonKey: env.anonKey,
      serviceRoleKey: env.serviceRoleKey,
      publishableKey: demoPublishableKey,
      secretKey: demoSecretKey,
      siteUrl: env.appUrl,
      redirectAllowList: [`${env.appUrl}/**`],
      autoconfirm: false,
      ipRateLimits: 'off',
      outboxDir,
      storageDir: outboxDir,
      log: () => {},
    },
    { port },
  );
});

afterAll(async () => {
  await db.end();
  await server?.stop();
  await rm(outboxDir, { recursive: true, force: true });
});

async function freeAllowance(userId: string): Promise<string> {
  const { rows } = await db.query<{ allowance: string }>(
    'select allowance_balance::text as allowance from public.credit_accounts where user_id = $1',
    [userId],
  );
  return rows[0]!.allowance;
}

describe('confirm-email mode', () => {
  it('signs up without a session and emails a confirmation link', async () => {
    const email = uniqueEmail('confirm');
    const client = anonClient(server.url);
    const { data, error } = await client.auth.signUp({
      email,
      password: PASSWORD,
      options: { emailRedirectTo: `${env.appUrl}/welcome` },
    });
    expect(error).toBeNull();
    expect(data.session).toBeNull();
    expect(data.user).toMatchObject({ email, confirmation_sent_at: expect.any(String) });
    expect(data.user).not.toHaveProperty('email_confirmed_at');
    // No free credits for an address nobody has confirmed (issue 19: sign-ups could be farmed).
    expect(await freeAllowance(data.user!.id)).toBe('0');

    const signIn = await anonClient(server.url).auth.signInWithPassword({ email, password: PASSWORD });
    expect(signIn.error).toMatchObject({
      status: 400,
      code: 'email_not_confirmed',
      message: 'Email not confirmed',
    });

    const mail = await latestEmail(email, 'signup', outboxDir);
    expect(mail.subject).toBe('Confirm Your Email');
    const { location, fragment } = await followLink(mail.link!);
    expect(location.pathname).toBe('/welcome');
    expect(fragment.get('type')).toBe('signup');
    const claims = JSON.parse(
      Buffer.from(fragment.get('access_token')!.split('.')[1]!, 'base64url').toString(),
    );
    expect(claims.amr[0].method).toBe('email/signup');

    const { data: confirmed, error: afterError } = await anonClient(server.url).auth.signInWithPassword({
      email,
      password: PASSWORD,
    });
    expect(afterError).toBeNull();
    expect(confirmed.user?.email_confirmed_at).toBeDefined();
    expect(confirmed.user?.user_metadata.email_verified).toBe(true);
    const { rows } = await db.query<{ credits: string }>(
      `select monthly_credits::text as credits from public.plans where id = 'free'`,
    );
    expect(await freeAllowance(data.user!.id)).toBe(rows[0]!.credits);
  });

  it('in PKCE mode (the SPA’s), the confirmation link returns a code for the signing-up browser', async () => {
    const email = uniqueEmail('confirm-pkce');
    const browser = pkceClient(server.url);
    const { data } = await browser.auth.signUp({
      email,
      password: PASSWORD,
      options: { emailRedirectTo: `${env.appUrl}/welcome` },
    });
    expect(data.session).toBeNull();
    const mail = await latestEmail(email, 'signup', outboxDir);
    const response = await fetch(mail.link!, { redirect: 'manual' });
    const landing = new URL(response.headers.get('location')!);
    expect(landing.pathname).toBe('/welcome');
    const { data: exchanged, error } = await browser.auth.exchangeCodeForSession(
      landing.searchParams.get('code')!,
    );
    expect(error).toBeNull();
    expect(exchanged.session?.user.email_confirmed_at).toBeDefined();
    expect(claimsOf(exchanged.session!.access_token).amr).toEqual([
      expect.objectContaining({ method: 'email/signup' }),
    ]);
    expect(await freeAllowance(data.user!.id)).not.toBe('0');
  });

  it('confirms with the emailed code too', async () => {
    const email = uniqueEmail('confirm-otp');
    await anonClient(server.url).auth.signUp({ email, password: PASSWORD });
    const mail = await latestEmail(email, 'signup', outboxDir);
    const { data, error } = await anonClient(server.url).auth.verifyOtp({
      email,
      token: mail.otp!,
      type: 'signup',
    });
    expect(error).toBeNull();
    expect(data.session?.user.email_confirmed_at).toBeDefined();
  });

  it('does not reveal whether a confirmed address is registered', async () => {
    const email = uniqueEmail('confirm-existing');
    await anonClient().auth.signUp({ email, password: PASSWORD }); // confirmed through the autoconfirm API
    const { data, error } = await anonClient(server.url).auth.signUp({ email, password: 'another password' });
    expect(error).toBeNull();
    expect(data.session).toBeNull();
    const realId = (await anonClient().auth.signInWithPassword({ email, password: PASSWORD })).data.user?.id;
    expect(data.user?.id).not.toBe(realId);
  });

  it('resends the confirmation at most once a minute, and only the newest link works', async () => {
    const email = uniqueEmail('confirm-resend');
    await anonClient(server.url).auth.signUp({ email, password: PASSWORD });
    const first = await latestEmail(email, 'signup', outboxDir);

    const tooSoon = await anonClient(server.url).auth.resend({ type: 'signup', email });
    expect(tooSoon.error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' });

    await db.query(
      `update auth.users set confirmation_sent_at = confirmation_sent_at - interval '61 seconds' where email = $1`,
      [email],
    );
    const { error } = await anonClient(server.url).auth.resend({ type: 'signup', email });
    expect(error).toBeNull();
    expect(await emailsTo(email, outboxDir)).toHaveLength(2);
    const second = await latestEmail(email, 'signup', outboxDir);

    expect((await followLink(first.link!)).fragment.get('error_code')).toBe('otp_expired');
    expect((await followLink(second.link!)).fragment.get('access_token')).toBeTruthy();
  });

  it('answers resend requests for unknown or confirmed addresses without sending anything', async () => {
    const unknown = uniqueEmail('confirm-resend-unknown');
    expect((await anonClient(server.url).auth.resend({ type: 'signup', email: unknown })).error).toBeNull();
    expect(await emailsTo(unknown, outboxDir)).toEqual([]);
  });

  it('reports the mode in /settings', async () => {
    const response = await fetch(`${server.url}/auth/v1/settings`);
    expect(await response.json()).toMatchObject({ mailer_autoconfirm: false });
  });
});
