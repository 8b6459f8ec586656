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
import { PASSWORD, anonClient, env, followLink, latestEmail, uniqueEmail } from './helpers';

let server: SupabaseApiServer;
let outboxDir: string;

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
      outboxDir,
      log: () => {},
    },
    { port },
  );
});

afterAll(async () => {
  await server?.stop();
  await rm(outboxDir, { recursive: true, force: true });
});

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

  it('reports the mode in /settings', async () => {
    const response = await fetch(`${server.url}/auth/v1/settings`);
    expect(await response.json()).toMatchObject({ mailer_autoconfirm: false });
  });
});
