/** Wire details supabase-js depends on: error shapes, the API-version header, CORS, metadata endpoints. */
import { describe, expect, it } from 'vitest';
import { authFetch, env } from './helpers';

describe('error shapes', () => {
  it('uses {code, message} and echoes X-Supabase-Api-Version for 2024-01-01 clients', async () => {
    const { status, headers, body } = await authFetch('/token?grant_type=password', {
      method: 'POST',
      body: { email: 'nobody@example.test', password: 'whatever' },
    });
    expect(status).toBe(400);
    expect(headers.get('x-supabase-api-version')).toBe('2024-01-01');
    expect(headers.get('x-sb-error-code')).toBe('invalid_credentials');
    expect(body).toEqual({ code: 'invalid_credentials', message: 'Invalid login credentials' });
  });

  it('uses the legacy {code: status, error_code, msg} without the header', async () => {
    const { status, headers, body } = await authFetch('/token?grant_type=password', {
      method: 'POST',
      body: { email: 'nobody@example.test', password: 'whatever' },
      apiVersion: null,
    });
    expect(status).toBe(400);
    expect(headers.get('x-supabase-api-version')).toBeNull();
    expect(body).toEqual({ code: 400, error_code: 'invalid_credentials', msg: 'Invalid login credentials' });
  });

  it('answers OAuth-style errors on the token endpoint', async () => {
    const missing = await authFetch('/token?grant_type=refresh_token', { method: 'POST', body: {} });
    expect(missing).toMatchObject({
      status: 400,
      body: { error: 'invalid_request', error_description: 'refresh_token required' },
    });
    const unsupported = await authFetch('/token?grant_type=magic', { method: 'POST', body: {} });
    expect(unsupported.body).toEqual({ code: 'invalid_credentials', message: 'unsupported_grant_type' });
  });

  it('requires a bearer token on /user', async () => {
    const { status, body } = await authFetch('/user', { headers: { apikey: '' } });
    expect(status).toBe(401);
    expect(body).toEqual({
      code: 'no_authorization',
      message: 'This endpoint requires a valid Bearer token',
    });
  });

  it('reads form bodies and refuses bodies over 1 MB', async () => {
    const form = await fetch(`${env.url}/auth/v1/token?grant_type=password`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-supabase-api-version': '2024-01-01',
      },
      body: 'email=nobody%40example.test&password=whatever',
    });
    expect(await form.json()).toMatchObject({ code: 'invalid_credentials' });
    const huge = await authFetch('/signup', { method: 'POST', body: { padding: 'x'.repeat(1024 * 1024) } });
    expect(huge).toMatchObject({ status: 400, body: { code: 'bad_json' } });
  });
});

describe('CORS', () => {
  const origin = 'http://localhost:5173';

  it.each(['/auth/v1/token?grant_type=password', '/rest/v1/some_table'])(
    'answers the preflight for %s',
    async (path) => {
      const response = await fetch(`${env.url}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers':
            'apikey, authorization, content-type, x-client-info, x-supabase-api-version, prefer, x-custom',
        },
      });
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(response.headers.get('access-control-allow-methods')).toContain('PATCH');
      const allowed = response.headers.get('access-control-allow-headers')!.split(', ');
      expect(allowed).toEqual(
        expect.arrayContaining([
          'apikey',
          'authorization',
          'x-supabase-api-version',
          'prefer',
          'range',
          'x-custom',
        ]),
      );
      expect(response.headers.get('access-control-max-age')).toBe('86400');
    },
  );

  it('exposes the headers the clients must read', async () => {
    const response = await fetch(`${env.url}/auth/v1/settings`, {
      headers: { origin, 'x-supabase-api-version': '2024-01-01' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    const exposed = response.headers.get('access-control-expose-headers')!.toLowerCase();
    for (const name of ['content-range', 'x-supabase-api-version', 'x-total-count', 'link'])
      expect(exposed).toContain(name);
  });
});

describe('metadata endpoints', () => {
  it('publishes no keys in the JWKS of an HS256 project', async () => {
    const response = await fetch(`${env.url}/auth/v1/.well-known/jwks.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=600');
    expect(await response.json()).toEqual({ keys: [] });
  });

  it('describes the settings like GoTrue', async () => {
    const { body } = await authFetch('/settings');
    expect(body).toMatchObject({
      external: expect.objectContaining({
        email: true,
        phone: false,
        anonymous_users: false,
        google: true,
        github: true,
        gitlab: false,
      }),
      disable_signup: false,
      mailer_autoconfirm: true,
      phone_autoconfirm: false,
      saml_enabled: false,
    });
  });

  it('answers /health', async () => {
    const { status, body } = await authFetch('/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ name: 'GoTrue', version: expect.stringMatching(/^v2\.18/) });
  });
});
