/**
 * Authentication and authorisation in the pipeline: Supabase access tokens verified locally (HS256
 * with the project secret, ES256 through a JWKS endpoint), and the admin check against profiles.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDbPools } from '../../../netlify/lib/db';
import { defineHandler } from '../../../netlify/lib/http/define-handler';
import {
  apiRequest,
  closedDatabaseUrl,
  createUser,
  mintToken,
  netlifyContext,
  readError,
  withEnv,
} from './helpers';

const whoAmI = defineHandler({ method: 'GET', auth: 'user' }, async ({ user }) => ({
  id: user.id,
  email: user.email,
}));
const adminOnly = defineHandler({ method: 'GET', auth: 'admin' }, async ({ user }) => ({ admin: user.id }));

const call = (token?: string) => whoAmI(apiRequest('/api/me', { token }), netlifyContext());

async function expect401(response: Response) {
  expect(response.status).toBe(401);
  expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
  expect((await readError(response)).code).toBe('UNAUTHENTICATED');
}

const db = new pg.Pool({ connectionString: process.env.DATABASE_URL });
afterAll(async () => {
  await db.end();
  await closeDbPools();
});

describe('auth: user', () => {
  it('accepts a valid access token and hands the handler the user', async () => {
    const sub = crypto.randomUUID();
    const response = await call(await mintToken({ sub, email: 'ada@example.com' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: sub, email: 'ada@example.com' });
  });

  it('401 without a token, or with a non-bearer Authorization header', async () => {
    await expect401(await call());
    await expect401(
      await whoAmI(
        apiRequest('/api/me', { headers: { authorization: 'Basic dXNlcjpwYXNz' } }),
        netlifyContext(),
      ),
    );
  });

  it('401 for a malformed token', async () => {
    await expect401(await call('not-a-jwt'));
    await expect401(await call('eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln'));
  });

  it('401 for an expired token', async () => {
    const response = await call(
      await mintToken({ exp: Math.floor(Date.now() / 1000) - 120 }, { omitExp: true }),
    );
    await expect401(response.clone());
    expect((await readError(response)).message).toMatch(/expired/);
  });

  it('401 for a token without expiry', async () => {
    await expect401(await call(await mintToken({}, { omitExp: true })));
  });

  it('401 for a token signed with another secret (forged)', async () => {
    await expect401(
      await call(await mintToken({}, { secret: 'an-attacker-chosen-secret-of-32-characters!!' })),
    );
  });

  it('401 for the wrong audience', async () => {
    await expect401(await call(await mintToken({ aud: 'some-other-app' })));
  });

  it('401 for the anon and service-role API keys, which are JWTs too', async () => {
    await expect401(await call(process.env.SUPABASE_ANON_KEY));
    await expect401(await call(process.env.SUPABASE_SERVICE_ROLE_KEY));
    await expect401(await call(await mintToken({ role: 'anon' })));
    await expect401(await call(await mintToken({ role: 'service_role' })));
  });

  it('401 when the subject is not a user id', async () => {
    await expect401(await call(await mintToken({ sub: 'admin' })));
  });

  it('401 for alg "none"', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({
        sub: crypto.randomUUID(),
        aud: 'authenticated',
        role: 'authenticated',
        exp: 4102444800,
      }),
    ).toString('base64url');
    await expect401(await call(`${header}.${payload}.`));
  });
});

describe('auth: asymmetric tokens through the JWKS', () => {
  let server: http.Server;
  let jwksUrl: string;
  let privateKey: CryptoKey;
  let fetches = 0;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'test-key-1', alg: 'ES256', use: 'sig' };
    server = http.createServer((_req, res) => {
      fetches += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/auth/v1/.well-known/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const es256Token = (claims: Record<string, unknown>, kid = 'test-key-1') =>
    new SignJWT({ aud: 'authenticated', role: 'authenticated', ...claims })
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);

  it('accepts an ES256 token whose key is in the project JWKS (fetched once, then cached)', async () => {
    await withEnv({ SUPABASE_JWKS_URL: jwksUrl }, async () => {
      const sub = crypto.randomUUID();
      const first = await call(await es256Token({ sub }));
      expect(first.status).toBe(200);
      expect(await first.json()).toMatchObject({ id: sub });
      const second = await call(await es256Token({ sub }));
      expect(second.status).toBe(200);
      expect(fetches).toBe(1);
    });
  });

  it('401 for an ES256 token signed by a key the JWKS does not hold', async () => {
    await withEnv({ SUPABASE_JWKS_URL: jwksUrl }, async () => {
      const stranger = await generateKeyPair('ES256');
      const token = await new SignJWT({
        sub: crypto.randomUUID(),
        aud: 'authenticated',
        role: 'authenticated',
      })
        .setProtectedHeader({ alg: 'ES256', kid: 'test-key-1' })
        .setExpirationTime('1h')
        .sign(stranger.privateKey);
      await expect401(await call(token));
    });
  });

  it('401 for an ES256 token with the anon role', async () => {
    await withEnv({ SUPABASE_JWKS_URL: jwksUrl }, async () => {
      await expect401(await call(await es256Token({ sub: crypto.randomUUID(), role: 'anon' })));
    });
  });

  it('503 (not 401) when the JWKS cannot be fetched: our outage, not a bad token', async () => {
    const unreachable = (await closedDatabaseUrl())
      .replace(/^postgres:\/\/[^@]+@/, 'http://')
      .replace(/\/postgres$/, '/jwks.json');
    await withEnv({ SUPABASE_JWKS_URL: unreachable }, async () => {
      const response = await call(await es256Token({ sub: crypto.randomUUID() }));
      expect(response.status).toBe(503);
      expect((await readError(response)).code).toBe('UNAVAILABLE');
    });
  });
});

describe('auth: admin', () => {
  it('lets an admin through', async () => {
    const admin = await createUser(db, { role: 'admin' });
    const response = await adminOnly(
      apiRequest('/api/admin/thing', { token: await mintToken({ sub: admin.id }) }),
      netlifyContext(),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ admin: admin.id });
  });

  it('403 for a member, whatever their token claims', async () => {
    const member = await createUser(db);
    const token = await mintToken({ sub: member.id, app_metadata: { role: 'admin' }, user_role: 'admin' });
    const response = await adminOnly(apiRequest('/api/admin/thing', { token }), netlifyContext());
    expect(response.status).toBe(403);
    expect((await readError(response)).code).toBe('FORBIDDEN');
  });

  it('403 for a valid token of a user with no profile', async () => {
    const response = await adminOnly(
      apiRequest('/api/admin/thing', { token: await mintToken() }),
      netlifyContext(),
    );
    expect(response.status).toBe(403);
  });

  it('401 before any database lookup when the token is missing', async () => {
    await expect401(await adminOnly(apiRequest('/api/admin/thing'), netlifyContext()));
  });
});
