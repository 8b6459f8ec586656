/**
 * The Upstash REST adapter in front of the real Redis: `@upstash/redis` and `@upstash/ratelimit`
 * work through it unmodified, and the app's Upstash limiter enforces its limits and fails loudly
 * (so the fallback can take over) when Upstash cannot be reached.
 */
import { randomUUID } from 'node:crypto';
import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../../dev/ports';
import { startUpstashAdapter, type UpstashAdapter } from '../../../dev/stand-ins/upstash/server';
import { FallbackRateLimiter } from '../../../netlify/lib/rate-limit/fallback-limiter';
import type { RateLimiter } from '../../../netlify/lib/rate-limit/rate-limiter';
import { UpstashRateLimiter } from '../../../netlify/lib/rate-limit/upstash';

let adapter: UpstashAdapter;
let redis: Redis;
// Every key of this run lives under its own prefix in the shared Redis.
const run = `test:${randomUUID()}`;

beforeAll(async () => {
  adapter = await startUpstashAdapter({ port: await freePort(), token: 'adapter-test-token' });
  redis = new Redis({ url: adapter.url, token: adapter.token, enableTelemetry: false });
});
afterAll(async () => {
  const keys = await redis.keys(`${run}*`);
  if (keys.length > 0) await redis.del(...keys);
  await adapter.stop();
});

describe('Upstash REST adapter', () => {
  it("runs single commands with the SDK's base64 response encoding", async () => {
    expect(await redis.set(`${run}:greeting`, 'héllo wörld')).toBe('OK');
    expect(await redis.get(`${run}:greeting`)).toBe('héllo wörld');
    expect(await redis.incrby(`${run}:counter`, 5)).toBe(5);
    expect(await redis.get(`${run}:missing`)).toBeNull();
  });

  it('runs pipelines and MULTI/EXEC transactions, with per-command errors', async () => {
    const pipeline = redis.pipeline();
    pipeline.set(`${run}:p`, 'one');
    pipeline.get(`${run}:p`);
    pipeline.incr(`${run}:p`);
    const results = await pipeline.exec({ keepErrors: true });
    expect(results.map((r) => r.result)).toEqual(['OK', 'one', undefined]);
    expect(results[2]?.error).toMatch(/not an integer/);

    const tx = redis.multi();
    tx.rpush(`${run}:list`, 'a', 'b');
    tx.lrange(`${run}:list`, 0, -1);
    expect(await tx.exec()).toEqual([2, ['a', 'b']]);
  });

  it('runs EVAL, SCRIPT LOAD and EVALSHA, answering NOSCRIPT for unknown scripts', async () => {
    const script = 'return {KEYS[1], ARGV[1]}';
    expect(await redis.eval(script, [`${run}:k`], ['v'])).toEqual([`${run}:k`, 'v']);
    const sha = await redis.scriptLoad(script);
    expect(await redis.evalsha(sha, [`${run}:k`], ['w'])).toEqual([`${run}:k`, 'w']);
    await expect(redis.evalsha('0'.repeat(40), [], [])).rejects.toThrow(/NOSCRIPT/);
  });

  it('refuses a wrong token with 401', async () => {
    const intruder = new Redis({ url: adapter.url, token: 'wrong', enableTelemetry: false, retry: false });
    await expect(intruder.get('anything')).rejects.toThrow(/Unauthorized/);
  });

  it('runs @upstash/ratelimit unmodified', async () => {
    // The sliding window is computed from the client's clock: four calls that straddle a window
    // boundary may rightly let a fourth through. Freeze the clock inside one window.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Math.floor(Date.now() / 10_000) * 10_000 + 10_000 + 1_000);
      const ratelimit = new Ratelimit({
        redis,
        limiter: Ratelimit.slidingWindow(3, '10 s'),
        prefix: `${run}:sliding`,
        ephemeralCache: false,
      });
      const user = randomUUID();
      const outcomes = [];
      for (let i = 0; i < 4; i++) outcomes.push((await ratelimit.limit(user)).success);
      expect(outcomes).toEqual([true, true, true, false]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('UpstashRateLimiter', () => {
  it('allows up to the limit in the window, then refuses with a retry delay', async () => {
    const limiter = new UpstashRateLimiter({ url: adapter.url, token: adapter.token, prefix: run });
    const rule = { limit: 2, windowSeconds: 30 };
    const key = `llm:user:${randomUUID()}`;
    const first = await limiter.limit(key, rule);
    const second = await limiter.limit(key, rule);
    const third = await limiter.limit(key, rule);
    expect([first.allowed, second.allowed, third.allowed]).toEqual([true, true, false]);
    expect(second.remaining).toBe(0);
    expect(third.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(third.retryAfterSeconds).toBeLessThanOrEqual(30);
    // Another key has its own budget.
    expect((await limiter.limit(`llm:user:${randomUUID()}`, rule)).allowed).toBe(true);
    await expect(limiter.healthCheck()).resolves.toBeUndefined();
  });

  it('throws, rather than allowing, when Upstash is unreachable', async () => {
    const limiter = new UpstashRateLimiter({
      url: `http://127.0.0.1:${await freePort()}`,
      token: 't',
      prefix: run,
    });
    await expect(limiter.limit('k', { limit: 5, windowSeconds: 60 })).rejects.toThrow();
    await expect(limiter.healthCheck()).rejects.toThrow();
  });
});

describe('FallbackRateLimiter', () => {
  const counting = (name: string, fail = false) => {
    const calls: string[] = [];
    const limiter: RateLimiter = {
      name,
      limit: async (key) => {
        if (fail) throw new Error(`${name} down`);
        calls.push(key);
        return { allowed: true, remaining: 1, resetAt: new Date(), retryAfterSeconds: 0 };
      },
      healthCheck: async () => {
        if (fail) throw new Error(`${name} down`);
      },
    };
    return { limiter, calls };
  };

  it('uses the fallback only when the primary fails, and fails when both do', async () => {
    const dead = new UpstashRateLimiter({ url: `http://127.0.0.1:${await freePort()}`, token: 't' });
    const postgres = counting('postgres');
    const limiter = new FallbackRateLimiter(dead, postgres.limiter);
    expect((await limiter.limit('k1', { limit: 1, windowSeconds: 60 })).allowed).toBe(true);
    expect(postgres.calls).toEqual(['k1']);
    await expect(limiter.healthCheck()).resolves.toBeUndefined();

    const live = new FallbackRateLimiter(
      new UpstashRateLimiter({ url: adapter.url, token: adapter.token, prefix: run }),
      postgres.limiter,
    );
    await live.limit(`k2-${randomUUID()}`, { limit: 1, windowSeconds: 60 });
    expect(postgres.calls).toEqual(['k1']);

    const bothDown = new FallbackRateLimiter(dead, counting('postgres', true).limiter);
    await expect(bothDown.limit('k3', { limit: 1, windowSeconds: 60 })).rejects.toThrow(/postgres down/);
    await expect(bothDown.healthCheck()).rejects.toThrow();
  });
});
