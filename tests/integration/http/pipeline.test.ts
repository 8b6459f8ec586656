/**
 * The function pipeline, branch by branch, with real Requests through defineHandler. The handlers
 * here are test-only; auth, rate limits and health have their own files.
 */
import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError } from '../../../netlify/lib/http/api-error';
import { defineHandler } from '../../../netlify/lib/http/define-handler';
import { apiRequest, jsonRequest, mintToken, netlifyContext, readError, withEnv } from './helpers';

const Order = z.object({
  item: z.object({ sku: z.string().min(1), quantity: z.number().int().positive() }),
  note: z.string().max(20).optional(),
});

const echo = defineHandler({ method: 'POST', auth: 'none', body: Order }, async ({ body }) => ({
  received: body,
}));

const listThings = defineHandler(
  { method: ['GET', 'DELETE'], auth: 'none', query: z.object({ limit: z.coerce.number().int().max(50) }) },
  async ({ query }) => ({ limit: query.limit }),
);

const appOrigin = () => (process.env.ALLOWED_ORIGINS ?? '').split(',')[0] as string;

function expectSecurityHeaders(response: Response) {
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
  expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
  expect(response.headers.get('cache-control')).toBe('no-store');
}

describe('defineHandler: success path', () => {
  it('answers parsed input as JSON with a request id and the security headers', async () => {
    const response = await echo(
      jsonRequest('/api/echo', { item: { sku: 'a', quantity: 2 } }),
      netlifyContext(),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expectSecurityHeaders(response);
    expect(await response.json()).toEqual({ received: { item: { sku: 'a', quantity: 2 } } });
  });

  it('keeps a sane incoming request id and replaces one that is not', async () => {
    const kept = await echo(
      jsonRequest(
        '/api/echo',
        { item: { sku: 'a', quantity: 1 } },
        { headers: { 'x-request-id': 'edge-1234abcd' } },
      ),
      netlifyContext(),
    );
    expect(kept.headers.get('x-request-id')).toBe('edge-1234abcd');
    const replaced = await echo(
      jsonRequest(
        '/api/echo',
        { item: { sku: 'a', quantity: 1 } },
        { headers: { 'x-request-id': 'evil" {json} <script>' } },
      ),
      netlifyContext(),
    );
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('passes a Response from the handler through, adding the pipeline headers without overriding its own', async () => {
    const stream = defineHandler(
      { method: 'GET', auth: 'none' },
      async () =>
        new Response('data: hi\n\n', {
          status: 201,
          headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' },
        }),
    );
    const response = await stream(apiRequest('/api/stream'), netlifyContext());
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('data: hi\n\n');
  });

  it('reads a JSON body on DELETE (confirmations)', async () => {
    const remove = defineHandler(
      { method: 'DELETE', auth: 'none', body: z.object({ confirm: z.literal('DELETE') }) },
      async ({ body }) => ({ confirmed: body.confirm }),
    );
    const response = await remove(
      jsonRequest('/api/account', { confirm: 'DELETE' }, { method: 'DELETE' }),
      netlifyContext(),
    );
    expect(await response.json()).toEqual({ confirmed: 'DELETE' });
  });

  it('writes one structured JSON log line per request', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const previous = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'info';
    try {
      const userId = crypto.randomUUID();
      const whoAmI = defineHandler({ method: 'GET', auth: 'user' }, async ({ user }) => ({ id: user.id }));
      const response = await whoAmI(
        apiRequest('/api/me?x=1', { token: await mintToken({ sub: userId }) }),
        netlifyContext(),
      );
      const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(entries).toEqual([
        {
          ts: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
          level: 'info',
          message: 'request',
          requestId: response.headers.get('x-request-id'),
          method: 'GET',
          path: '/api/me',
          status: 200,
          durationMs: expect.any(Number),
          userId,
        },
      ]);
    } finally {
      process.env.LOG_LEVEL = previous;
      spy.mockRestore();
    }
  });

  it('answers 204 when the handler returns nothing', async () => {
    const remove = defineHandler({ method: 'DELETE', auth: 'none' }, async () => undefined);
    const response = await remove(apiRequest('/api/thing', { method: 'DELETE' }), netlifyContext());
    expect(response.status).toBe(204);
  });

  it('parses the query string and path parameters with their schemas', async () => {
    const ok = await listThings(apiRequest('/api/things?limit=20'), netlifyContext());
    expect(await ok.json()).toEqual({ limit: 20 });

    const bad = await listThings(apiRequest('/api/things?limit=500'), netlifyContext());
    expect(bad.status).toBe(400);
    const error = await readError(bad);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual([{ path: 'limit', message: expect.any(String) }]);

    const byProvider = defineHandler(
      { method: 'GET', auth: 'none', params: z.object({ provider: z.enum(['openai', 'anthropic']) }) },
      async ({ params }) => ({ provider: params.provider }),
    );
    expect(
      await (
        await byProvider(apiRequest('/api/llm/openai'), netlifyContext({ params: { provider: 'openai' } }))
      ).json(),
    ).toEqual({
      provider: 'openai',
    });
    const unknown = await byProvider(
      apiRequest('/api/llm/acme'),
      netlifyContext({ params: { provider: 'acme' } }),
    );
    expect(unknown.status).toBe(400);
    expect((await readError(unknown)).details).toEqual([{ path: 'provider', message: expect.any(String) }]);
  });
});

describe('defineHandler: refusals', () => {
  it('405 with Allow for a wrong method', async () => {
    const response = await echo(apiRequest('/api/echo', { method: 'GET' }), netlifyContext());
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST, OPTIONS');
    expect((await readError(response)).code).toBe('METHOD_NOT_ALLOWED');
  });

  it('413 when Content-Length announces more than 1 MB', async () => {
    const response = await echo(
      apiRequest('/api/echo', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(1024 * 1024 + 1) },
        body: '{}',
      }),
      netlifyContext(),
    );
    expect(response.status).toBe(413);
    expect((await readError(response)).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('413 when a body streamed without Content-Length passes 1 MB, without reading it all', async () => {
    let pulled = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(chunk);
      },
    });
    const request = new Request('http://localhost:8888/api/echo', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: endless,
      duplex: 'half',
    } as RequestInit);
    const response = await echo(request, netlifyContext());
    expect(response.status).toBe(413);
    expect(pulled * chunk.byteLength).toBeLessThan(2 * 1024 * 1024);
  });

  it('415 for a body that is not JSON', async () => {
    const response = await echo(
      apiRequest('/api/echo', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'item=1' }),
      netlifyContext(),
    );
    expect(response.status).toBe(415);
    expect((await readError(response)).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('400 for malformed JSON', async () => {
    const response = await echo(
      apiRequest('/api/echo', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"item":',
      }),
      netlifyContext(),
    );
    expect(response.status).toBe(400);
    expect(await readError(response)).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'Request body is not valid JSON.',
    });
  });

  it('400 with the path of every invalid field', async () => {
    const response = await echo(
      jsonRequest('/api/echo', { item: { sku: '', quantity: -1 }, note: 'x'.repeat(30) }),
      netlifyContext(),
    );
    expect(response.status).toBe(400);
    const error = await readError(response);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect((error.details as Array<{ path: string }>).map((d) => d.path).sort()).toEqual([
      'item.quantity',
      'item.sku',
      'note',
    ]);
  });

  it('400 for a missing body where one is required', async () => {
    const response = await echo(apiRequest('/api/echo', { method: 'POST' }), netlifyContext());
    expect(response.status).toBe(400);
    expect((await readError(response)).code).toBe('VALIDATION_FAILED');
  });
});

describe('defineHandler: errors from handlers', () => {
  it('masks an unknown error as 500 quoting the request id, and never leaks its text', async () => {
    const broken = defineHandler({ method: 'GET', auth: 'none' }, async () => {
      throw new Error('relation "secret_table" does not exist; password=hunter2');
    });
    const response = await broken(apiRequest('/api/broken'), netlifyContext());
    expect(response.status).toBe(500);
    const requestId = response.headers.get('x-request-id');
    const body = await response.text();
    expect(body).not.toMatch(/secret_table|hunter2/);
    const error = (JSON.parse(body) as { error: { code: string; message: string; requestId: string } }).error;
    expect(error).toEqual({
      code: 'INTERNAL',
      message: `Something went wrong. Quote request id ${requestId}.`,
      requestId,
    });
  });

  it('answers 400, not 500, when Postgres refuses text it cannot store (a NUL byte: 22021)', async () => {
    const db = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
    try {
      const storing = defineHandler({ method: 'GET', auth: 'none' }, async () => {
        await db.query('select $1::text', ['nul \u0000 byte']);
        return { stored: true };
      });
      const response = await storing(apiRequest('/api/store'), netlifyContext());
      expect(response.status).toBe(400);
      expect(await readError(response)).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: 'The request contains characters that cannot be stored (such as NUL).',
      });
    } finally {
      await db.end();
    }
  });

  it('answers an ApiError with its code, details and headers', async () => {
    const conflict = defineHandler({ method: 'GET', auth: 'none' }, async () => {
      throw new ApiError('CONFLICT', 'Already hired.', {
        details: { employeeId: 'e1' },
        headers: { 'x-hint': 'upgrade' },
      });
    });
    const response = await conflict(apiRequest('/api/conflict'), netlifyContext());
    expect(response.status).toBe(409);
    expect(response.headers.get('x-hint')).toBe('upgrade');
    expect(await readError(response)).toMatchObject({
      code: 'CONFLICT',
      message: 'Already hired.',
      details: { employeeId: 'e1' },
    });
  });

  it('503 "Server is misconfigured" when a required variable is missing', async () => {
    await withEnv({ APP_URL: undefined, SUPABASE_SERVICE_ROLE_KEY: '' }, async () => {
      const response = await echo(
        jsonRequest('/api/echo', { item: { sku: 'a', quantity: 1 } }),
        netlifyContext(),
      );
      expect(response.status).toBe(503);
      const error = await readError(response);
      expect(error.code).toBe('UNAVAILABLE');
      expect(error.message).toMatch(/^Server is misconfigured/);
      expect(JSON.stringify(error)).not.toMatch(/APP_URL|SERVICE_ROLE/);
    });
  });
});

describe('defineHandler: CORS', () => {
  it('allows a listed origin and exposes the request id to it', async () => {
    const response = await echo(
      jsonRequest('/api/echo', { item: { sku: 'a', quantity: 1 } }, { headers: { origin: appOrigin() } }),
      netlifyContext(),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(appOrigin());
    expect(response.headers.get('access-control-expose-headers')).toContain('x-request-id');
    expect(response.headers.get('vary')).toContain('Origin');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('refuses a disallowed origin with 403 and no Access-Control-Allow-Origin', async () => {
    const response = await echo(
      jsonRequest(
        '/api/echo',
        { item: { sku: 'a', quantity: 1 } },
        { headers: { origin: 'https://evil.example' } },
      ),
      netlifyContext(),
    );
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect((await readError(response)).code).toBe('FORBIDDEN');
  });

  it('treats the function’s own origin as same-origin (deploy previews)', async () => {
    const response = await echo(
      jsonRequest(
        '/api/echo',
        { item: { sku: 'a', quantity: 1 } },
        { headers: { origin: 'http://localhost:8888' } },
      ),
      netlifyContext(),
    );
    expect(response.status).toBe(200);
  });

  it('answers a preflight from an allowed origin with 204 and the allowed methods and headers', async () => {
    const response = await echo(
      apiRequest('/api/echo', {
        method: 'OPTIONS',
        headers: {
          origin: appOrigin(),
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      }),
      netlifyContext(),
    );
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(appOrigin());
    expect(response.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(response.headers.get('access-control-allow-headers')).toContain('content-type');
  });

  it('refuses a preflight from a disallowed origin', async () => {
    const response = await echo(
      apiRequest('/api/echo', {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      }),
      netlifyContext(),
    );
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
