/**
 * Rate limiting through the pipeline on the Postgres limiter: exact counting under concurrency,
 * the named policies of DESIGN.md §6, and 503 (never unlimited) when the limiter is down.
 */
import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../../dev/ports';
import { closeDbPools } from '../../../netlify/lib/db';
import { defineHandler } from '../../../netlify/lib/http/define-handler';
import type { RateLimitOption } from '../../../netlify/lib/rate-limit/policies';
import { PostgresRateLimiter } from '../../../netlify/lib/rate-limit/postgres-limiter';
import rateLimitCleanup, { config as cleanupConfig } from '../../../netlify/functions/rate-limit-cleanup.mjs';
import {
  apiRequest,
  closedDatabaseUrl,
  createUser,
  mintToken,
  netlifyContext,
  readError,
  withEnv,
} from './helpers';

const db = new pg.Pool({ connectionString: process.env.DATABASE_URL });
afterAll(async () => {
  await db.end();
  await closeDbPools();
});

const limited = (rateLimit: RateLimitOption, auth: 'user' | 'none' = 'user') =>
  defineHandler({ method: 'POST', auth, rateLimit }, async () => ({ ok: true }));

const post = (token?: string) => apiRequest('/api/limited', { method: 'POST', token });

describe('rate limit: counting', () => {
  it('lets exactly 5 of 20 parallel requests through a limit of 5, the rest 429 with Retry-After', async () => {
    const handler = limited({
      name: `burst-${crypto.randomUUID()}`,
      limit: 5,
      windowSeconds: 60,
      by: 'user',
    });
    const token = await mintToken();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => handler(post(token), netlifyContext())),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    for (const response of responses.filter((r) => r.status === 429)) {
      const retryAfter = Number(response.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      const error = await readError(response);
      expect(error.code).toBe('RATE_LIMITED');
      expect(error.details).toEqual({ retryAfterSeconds: retryAfter });
    }
  });

  it('stays exact with 40 requests racing on 20 separate connections', async () => {
    const wide = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
    try {
      const limiter = new PostgresRateLimiter(wide);
      const key = `race-${crypto.randomUUID()}`;
      const results = await Promise.all(
        Array.from({ length: 40 }, () => limiter.limit(key, { limit: 7, windowSeconds: 60 })),
      );
      expect(results.filter((r) => r.allowed)).toHaveLength(7);
      expect(
        results
          .filter((r) => r.allowed)
          .map((r) => r.remaining)
          .sort((a, b) => a - b),
      ).toEqual([0, 1, 2, 3, 4, 5, 6]);
    } finally {
      await wide.end();
    }
  });

  it('tells the caller its budget in RateLimit-* headers', async () => {
    const handler = limited({
      name: `headers-${crypto.randomUUID()}`,
      limit: 3,
      windowSeconds: 60,
      by: 'user',
    });
    const token = await mintToken();
    const remaining: Array<string | null> = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await handler(post(token), netlifyContext());
      expect(response.headers.get('ratelimit-limit')).toBe('3');
      remaining.push(response.headers.get('ratelimit-remaining'));
    }
    expect(remaining).toEqual(['2', '1', '0']);
  });

  it('counts each user separately', async () => {
    const handler = limited({
      name: `per-user-${crypto.randomUUID()}`,
      limit: 1,
      windowSeconds: 60,
      by: 'user',
    });
    const alice = await mintToken();
    const bob = await mintToken();
    expect((await handler(post(alice), netlifyContext())).status).toBe(200);
    expect((await handler(post(alice), netlifyContext())).status).toBe(429);
    expect((await handler(post(bob), netlifyContext())).status).toBe(200);
  });

  it('opens a new window once the old one has ended', async () => {
    const limiter = new PostgresRateLimiter(db);
    const key = `window-${crypto.randomUUID()}`;
    expect((await limiter.limit(key, { limit: 1, windowSeconds: 1 })).allowed).toBe(true);
    const refused = await limiter.limit(key, { limit: 1, windowSeconds: 1 });
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await limiter.limit(key, { limit: 1, windowSeconds: 1 })).toMatchObject({
      allowed: true,
      remaining: 0,
    });
  });
});

describe('rate limit: named policies', () => {
  it('billing: 5 per minute per user', async () => {
    const response = await limited('billing')(post(await mintToken()), netlifyContext());
    expect(response.status).toBe(200);
    expect(response.headers.get('ratelimit-limit')).toBe('5');
    expect(Number(response.headers.get('ratelimit-reset'))).toBeLessThanOrEqual(60);
  });

  it('account: 3 per hour per user', async () => {
    const handler = limited('account');
    const token = await mintToken();
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await handler(post(token), netlifyContext())).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('webhook: 100 per minute per client IP', async () => {
    const handler = limited('webhook', 'none');
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}-${crypto.randomUUID()}`;
    const first = await handler(post(), netlifyContext({ ip }));
    expect(first.headers.get('ratelimit-limit')).toBe('100');
    expect(first.headers.get('ratelimit-remaining')).toBe('99');
    const other = await handler(post(), netlifyContext({ ip: `${ip}-other` }));
    expect(other.headers.get('ratelimit-remaining')).toBe('99');
  });

  it('per IP: a forged X-Forwarded-For never buys a fresh bucket', async () => {
    const handler = limited(
      { name: `xff-${crypto.randomUUID()}`, limit: 2, windowSeconds: 60, by: 'ip' },
      'none',
    );
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const forged = (n: number) =>
      apiRequest('/api/limited', { method: 'POST', headers: { 'x-forwarded-for': `203.0.113.${n}` } });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await handler(forged(i), netlifyContext({ ip }))).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
    // Without a platform IP (no Netlify context), the forged header still counts for nothing.
    const bare = [];
    for (let i = 0; i < 3; i += 1) bare.push((await handler(forged(i), undefined as never)).status);
    expect(bare).toEqual([200, 200, 429]);
  });

  it('llm: per minute by the plan in profiles (free 10, pro 60, max 120)', async () => {
    await db.query(
      `insert into public.plans (id, name, monthly_credits, position)
       values ('pro', 'Pro', 20000000, 1), ('max', 'Max', 250000000, 2) on conflict (id) do nothing`,
    );
    const handler = limited('llm');
    const limitFor = async (plan: string | undefined) => {
      const user = await createUser(db, plan ? { plan } : {});
      const response = await handler(post(await mintToken({ sub: user.id })), netlifyContext());
      return response.headers.get('ratelimit-limit');
    };
    expect(await limitFor(undefined)).toBe('10');
    expect(await limitFor('pro')).toBe('60');
    expect(await limitFor('max')).toBe('120');
  });

  it('llm: reads the plan and counts in one statement; an unknown plan or no profile gets free, a missing free limit refuses', async () => {
    await db.query(
      `insert into public.plans (id, name, monthly_credits, position)
       values ('pro', 'Pro', 20000000, 1), ('max', 'Max', 250000000, 2) on conflict (id) do nothing`,
    );
    const limiter = new PostgresRateLimiter(db);
    const limitsByPlan = { free: 2, pro: 5 };
    const hit = (userId: string) =>
      limiter.limitByPlan(`llm-test:${userId}`, { userId, limitsByPlan, windowSeconds: 60 });
    const pro = await createUser(db, { plan: 'pro' });
    expect(await hit(pro.id)).toMatchObject({ allowed: true, remaining: 4, limit: 5 });
    const unknown = await createUser(db, { plan: 'max' }); // not in limitsByPlan
    expect(await hit(unknown.id)).toMatchObject({ allowed: true, remaining: 1, limit: 2 });
    const nobody = crypto.randomUUID();
    await hit(nobody);
    await hit(nobody);
    expect(await hit(nobody)).toMatchObject({ allowed: false, remaining: 0, limit: 2 });
    await expect(
      db.query("select * from ratelimit.hit_for_user('x', $1, '{\"pro\": 5}', 60)", [nobody]),
    ).rejects.toMatchObject({ code: '22023' });
  });
});

describe('rate limit: failure', () => {
  it('refuses with 503 when the limiter cannot be reached — never unlimited', async () => {
    await withEnv({ DATABASE_URL: await closedDatabaseUrl() }, async () => {
      const handler = limited({ name: 'down', limit: 1000, windowSeconds: 60, by: 'ip' }, 'none');
      const response = await handler(post(), netlifyContext());
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect((await readError(response)).code).toBe('UNAVAILABLE');
    });
  });
});

describe('rate limit: Upstash down', () => {
  it("falls back to Postgres and says so in the request's own log line (with its request id)", async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      await withEnv(
        {
          UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${await freePort()}`,
          UPSTASH_REDIS_REST_TOKEN: 'unreachable',
          LOG_LEVEL: 'warn',
        },
        async () => {
          const handler = limited(
            { name: `fallback-${crypto.randomUUID()}`, limit: 5, windowSeconds: 60, by: 'ip' },
            'none',
          );
          const response = await handler(post(), netlifyContext());
          expect(response.status).toBe(200);
          expect(response.headers.get('ratelimit-remaining')).toBe('4');
          const warning = lines
            .map((line) => JSON.parse(line) as Record<string, unknown>)
            .find((entry) => entry.message === 'rate limiter failed, using the fallback');
          expect(warning).toMatchObject({ level: 'warn', requestId: response.headers.get('x-request-id') });
        },
      );
    } finally {
      spy.mockRestore();
    }
  });
});

describe('rate limit: half an Upstash configuration', () => {
  it.each([
    [
      'only the URL',
      { UPSTASH_REDIS_REST_URL: 'https://example.upstash.io', UPSTASH_REDIS_REST_TOKEN: undefined },
    ],
    ['only the token', { UPSTASH_REDIS_REST_URL: undefined, UPSTASH_REDIS_REST_TOKEN: 'token' }],
  ])('refuses with 503 (%s) instead of silently limiting with Postgres alone', async (_, upstash) => {
    const name = `half-${crypto.randomUUID()}`;
    await withEnv(upstash, async () => {
      const handler = limited({ name, limit: 5, windowSeconds: 60, by: 'ip' }, 'none');
      const response = await handler(post(), netlifyContext());
      expect(response.status).toBe(503);
      expect((await readError(response)).code).toBe('UNAVAILABLE');
    });
    const { rows } = await db.query(
      `select count(*)::int as n from public.rate_limit_buckets where key like $1`,
      [`%${name}%`],
    );
    expect(rows[0].n).toBe(0);
  });
});

describe('rate limit: storage', () => {
  it('keeps the buckets and the limiter function out of reach of the API roles', async () => {
    const client = await db.connect();
    try {
      for (const role of ['anon', 'authenticated']) {
        await client.query('begin');
        await client.query(`set local role ${role}`);
        await expect(client.query('select * from public.rate_limit_buckets')).rejects.toMatchObject({
          code: '42501',
        });
        await client.query('rollback');
        await client.query('begin');
        await client.query(`set local role ${role}`);
        await expect(client.query("select * from ratelimit.hit('x', 1, 1)")).rejects.toMatchObject({
          code: '42501',
        });
        await client.query('rollback');
        await client.query('begin');
        await client.query(`set local role ${role}`);
        await expect(
          client.query("select * from ratelimit.hit_for_user('x', gen_random_uuid(), '{\"free\": 1}', 1)"),
        ).rejects.toMatchObject({ code: '42501' });
        await client.query('rollback');
      }
    } finally {
      client.release();
    }
  });

  it('purges buckets whose window has ended', async () => {
    const key = `stale-${crypto.randomUUID()}`;
    await db.query(
      `insert into public.rate_limit_buckets (key, window_start, expires_at, hits)
       values ($1, now() - interval '2 hours', now() - interval '1 hour', 3)`,
      [key],
    );
    expect(await new PostgresRateLimiter(db).purgeExpired()).toBeGreaterThanOrEqual(1);
    const { rowCount } = await db.query('select 1 from public.rate_limit_buckets where key = $1', [key]);
    expect(rowCount).toBe(0);
  });

  it('runs the purge hourly from a scheduled function, keeping live buckets', async () => {
    const stale = `stale-${crypto.randomUUID()}`;
    const live = `live-${crypto.randomUUID()}`;
    await db.query(
      `insert into public.rate_limit_buckets (key, window_start, expires_at, hits)
       values ($1, now() - interval '2 minutes', now() - interval '1 minute', 1),
              ($2, now(), now() + interval '1 minute', 1)`,
      [stale, live],
    );
    expect(cleanupConfig.schedule).toBe('@hourly');
    const response = await rateLimitCleanup();
    expect(response.status).toBe(204);
    const { rows } = await db.query<{ key: string }>(
      'select key from public.rate_limit_buckets where key = any($1)',
      [[stale, live]],
    );
    expect(rows).toEqual([{ key: live }]);
  });
});
