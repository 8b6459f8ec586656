import type { Session } from '@supabase/auth-js';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiClientError, apiFetch, apiJson } from './api-client';
import { supabase } from './supabase';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.restoreAllMocks();
});
afterAll(() => server.close());

const signedInAs = (accessToken: string) =>
  vi.spyOn(supabase.auth, 'getSession').mockResolvedValue({
    data: { session: { access_token: accessToken } as Session },
    error: null,
  });

beforeEach(() => {
  vi.spyOn(supabase.auth, 'getSession').mockResolvedValue({ data: { session: null }, error: null });
});

async function rejection(promise: Promise<unknown>): Promise<ApiClientError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiClientError);
  return error as ApiClientError;
}

describe('apiFetch', () => {
  it('parses the shared error shape into an ApiClientError with code, message and requestId', async () => {
    server.use(
      http.post('*/api/llm/openai', () =>
        HttpResponse.json(
          {
            error: {
              code: 'INSUFFICIENT_CREDITS',
              message: 'You need 1,200 more credits for this request.',
              details: { required: 5000, available: 3800 },
              requestId: 'req_01HQ7',
            },
          },
          { status: 402 },
        ),
      ),
    );
    const error = await rejection(apiFetch('/api/llm/openai', { method: 'POST', json: { prompt: 'hi' } }));
    expect(error).toMatchObject({
      status: 402,
      code: 'INSUFFICIENT_CREDITS',
      message: 'You need 1,200 more credits for this request.',
      requestId: 'req_01HQ7',
      details: { required: 5000, available: 3800 },
    });
    expect(error.isClientError).toBe(true);
  });

  it('falls back to a status-derived code, and the request id header, for answers without the shape', async () => {
    server.use(
      http.get(
        '*/api/health',
        () =>
          new HttpResponse('<html>Bad gateway</html>', {
            status: 502,
            headers: { 'x-request-id': 'req_gateway' },
          }),
      ),
    );
    const error = await rejection(apiFetch('/api/health'));
    expect(error).toMatchObject({ status: 502, code: 'UPSTREAM_FAILED', requestId: 'req_gateway' });
    expect(error.message).toMatch(/try again/i);
  });

  it('reads Retry-After on 429', async () => {
    server.use(
      http.post('*/api/agents/execute', () =>
        HttpResponse.json(
          { error: { code: 'RATE_LIMITED', message: 'Slow down.', requestId: 'req_rl' } },
          { status: 429, headers: { 'retry-after': '17' } },
        ),
      ),
    );
    const error = await rejection(apiFetch('/api/agents/execute', { method: 'POST', json: {} }));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 17 });
  });

  it('turns a network failure into UNAVAILABLE with status 0', async () => {
    server.use(http.get('*/api/health', () => HttpResponse.error()));
    const error = await rejection(apiFetch('/api/health'));
    expect(error).toMatchObject({ status: 0, code: 'UNAVAILABLE' });
  });

  it('lets an abort through as an AbortError, not as a failure', async () => {
    server.use(http.get('*/api/health', () => new Promise<never>(() => undefined)));
    const controller = new AbortController();
    const pending = apiFetch('/api/health', { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('sends the access token of the current session and JSON bodies', async () => {
    signedInAs('token-abc');
    let seen: { authorization: string | null; contentType: string | null; body: unknown } | undefined;
    server.use(
      http.post('*/api/billing/portal', async ({ request }) => {
        seen = {
          authorization: request.headers.get('authorization'),
          contentType: request.headers.get('content-type'),
          body: await request.json(),
        };
        return HttpResponse.json({ url: 'https://billing.stripe.com/p/session/test' });
      }),
    );
    const response = await apiFetch('/api/billing/portal', {
      method: 'POST',
      json: { returnTo: '/billing' },
    });
    expect(response.status).toBe(200);
    expect(seen).toEqual({
      authorization: 'Bearer token-abc',
      contentType: 'application/json',
      body: { returnTo: '/billing' },
    });
  });

  it('signs the user out of this browser when the server rejects their token', async () => {
    signedInAs('expired-token');
    const signOut = vi.spyOn(supabase.auth, 'signOut').mockResolvedValue({ error: null });
    server.use(
      http.get('*/api/account/export', () =>
        HttpResponse.json(
          { error: { code: 'UNAUTHENTICATED', message: 'Your session has expired.', requestId: 'req_401' } },
          { status: 401 },
        ),
      ),
    );
    const error = await rejection(apiFetch('/api/account/export'));
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', requestId: 'req_401' });
    expect(signOut).toHaveBeenCalledWith({ scope: 'local' });
  });

  it('does not sign anyone out on a 401 to a request made without a session', async () => {
    const signOut = vi.spyOn(supabase.auth, 'signOut').mockResolvedValue({ error: null });
    server.use(
      http.get('*/api/account/export', () =>
        HttpResponse.json(
          { error: { code: 'UNAUTHENTICATED', message: 'Sign in first.', requestId: 'req_anon' } },
          { status: 401 },
        ),
      ),
    );
    await rejection(apiFetch('/api/account/export'));
    expect(signOut).not.toHaveBeenCalled();
  });
});

describe('apiJson', () => {
  const Checkout = z.object({ url: z.url() });

  it('returns the validated body', async () => {
    server.use(
      http.post('*/api/billing/token-pack-checkout', () =>
        HttpResponse.json({ url: 'https://checkout.stripe.com/c/pay/cs_test_1' }),
      ),
    );
    await expect(
      apiJson('/api/billing/token-pack-checkout', Checkout, { method: 'POST', json: {} }),
    ).resolves.toEqual({
      url: 'https://checkout.stripe.com/c/pay/cs_test_1',
    });
  });

  it('rejects a body that does not match the contract', async () => {
    server.use(
      http.post('*/api/billing/token-pack-checkout', () =>
        HttpResponse.json({ link: 'x' }, { headers: { 'x-request-id': 'req_bad_body' } }),
      ),
    );
    const error = await rejection(
      apiJson('/api/billing/token-pack-checkout', Checkout, { method: 'POST', json: {} }),
    );
    expect(error).toMatchObject({ code: 'INTERNAL', requestId: 'req_bad_body' });
  });
});
