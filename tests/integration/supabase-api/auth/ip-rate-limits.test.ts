/**
 * GoTrue's per-IP limits of `[auth.rate_limit]` on a second local API with low limits (the test
 * platform turns them off). Requests come from distinct loopback addresses (127.0.0.x) so each
 * case has its own IP, as distinct machines would; X-Forwarded-For is never believed.
 */
import { request } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPublishableKey, demoSecretKey } from '../../../../dev/config';
import { freePort } from '../../../../dev/ports';
import { startSupabaseApi, type SupabaseApiServer } from '../../../../dev/supabase/server';
import { PASSWORD, env, latestEmail, superuser, uniqueEmail } from './helpers';

let server: SupabaseApiServer;
let dir: string;
const db = superuser();

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'auth-ip-limits-'));
  const configFile = path.join(dir, 'config.toml');
  await writeFile(
    configFile,
    [
      '[auth.email]',
      'enable_confirmations = false',
      '[auth.rate_limit]',
      'sign_in_sign_ups = 12',
      'token_verifications = 3',
      'token_refresh = 150',
      '',
    ].join('\n'),
  );
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
      authConfigFile: configFile,
      outboxDir: dir,
      storageDir: dir,
      log: () => {},
    },
    { port },
  );
});

afterAll(async () => {
  await db.end();
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** POST /auth/v1<path> from `fromIp` (a loopback address), with extra headers. */
function post(
  fromIp: string,
  pathAndQuery: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const url = new URL(`/auth/v1${pathAndQuery}`, server.url);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        localAddress: fromIp,
        headers: { apikey: env.anonKey, 'content-type': 'application/json', ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const signUp = (ip: string, email: string, headers?: Record<string, string>) =>
  post(ip, '/signup', { email, password: PASSWORD }, headers);
const signIn = (ip: string, email: string, password: string) =>
  post(ip, '/token?grant_type=password', { email, password });

async function usersNamed(emails: string[]): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'select count(*)::int as n from auth.users where email = any($1)',
    [emails],
  );
  return rows[0]!.n;
}

describe('per-IP limits of the local Auth', () => {
  it('refuses the sign-up past the limit, also with a forged X-Forwarded-For, and creates nobody', async () => {
    const ip = '127.0.0.11';
    const allowed = Array.from({ length: 12 }, (_, i) => uniqueEmail(`ip-signup-${i}`));
    for (const email of allowed) expect((await signUp(ip, email)).status).toBe(200);
    const refused = [uniqueEmail('ip-signup-over'), uniqueEmail('ip-signup-xff')];
    expect(await signUp(ip, refused[0]!)).toMatchObject({
      status: 429,
      body: { error_code: 'over_request_rate_limit', msg: 'Request rate limit reached' },
    });
    expect((await signUp(ip, refused[1]!, { 'x-forwarded-for': '203.0.113.9' })).status).toBe(429);
    expect(await usersNamed(allowed)).toBe(12);
    expect(await usersNamed(refused)).toBe(0);
    // Another machine is not affected.
    expect((await signUp('127.0.0.12', uniqueEmail('ip-signup-other'))).status).toBe(200);
  });

  it('bounds code guessing: past the limit even the right code is refused', async () => {
    const email = uniqueEmail('ip-verify');
    expect((await signUp('127.0.0.21', email)).status).toBe(200);
    expect((await post('127.0.0.21', '/recover', { email })).status).toBe(200);
    const code = (await latestEmail(email, 'recovery', dir)).otp!;
    const wrong = (n: number) => String((Number(code) + n) % 1_000_000).padStart(6, '0');
    const guess = (token: string) => post('127.0.0.22', '/verify', { type: 'recovery', email, token });
    for (const n of [1, 2, 3]) expect((await guess(wrong(n))).status).toBe(403);
    expect(await guess(code)).toMatchObject({
      status: 429,
      body: { error_code: 'over_request_rate_limit' },
    });
  });

  it('locks out the guessing IP for that email, never the owner on their own machine', async () => {
    const email = uniqueEmail('ip-lockout');
    expect((await signUp('127.0.0.31', email)).status).toBe(200);
    for (let i = 0; i < 10; i += 1)
      expect((await signIn('127.0.0.32', email, `wrong-${i}`)).status).toBe(400);
    expect((await signIn('127.0.0.32', email, PASSWORD)).status).toBe(429);
    expect((await signIn('127.0.0.33', email, PASSWORD)).status).toBe(200);
  });
});
