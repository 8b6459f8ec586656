/**
 * Rate limits of the gateway per plan on both limiter backends (Postgres by default, Upstash
 * through the local REST adapter over a real Redis), the fallback to Postgres when Upstash is
 * down and 503 when both are; and the usage alerts a charge can trigger.
 */
import { Redis } from '@upstash/redis';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../dev/ports';
import llmProxy from '../../../netlify/functions/llm-proxy.mjs';
import { closedDatabaseUrl, readError, withEnv } from '../http/helpers';
import { jsonRequest, models, netlifyContext, newCaller, testDb, type Caller } from './harness';
import { usageAlertFactsSchema, usageAlertText } from '../../../src/shared/usage-alert-text';

afterAll(async () => {
  await testDb().end();
});

// An invalid body is refused after the rate-limit stage, so it counts without calling a model.
const hit = (caller: Caller) =>
  llmProxy(
    jsonRequest('/api/llm/openai', {}, { token: caller.token }),
    netlifyContext({ params: { provider: 'openai' } }),
  );

/** Sends `count` requests in sequence; returns the status of each. */
async function burst(caller: Caller, count: number): Promise<Response[]> {
  const responses: Response[] = [];
  for (let i = 0; i < count; i++) responses.push(await hit(caller));
  return responses;
}

const expectLimitedAfter = async (caller: Caller, limit: number) => {
  const responses = await burst(caller, limit + 1);
  expect(responses.slice(0, limit).map((r) => r.status)).toEqual(Array(limit).fill(400));
  const refused = responses[limit]!;
  expect(refused.status).toBe(429);
  expect((await readError(refused)).code).toBe('RATE_LIMITED');
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
};

const postgresBuckets = async (caller: Caller) => {
  const { rows } = await testDb().query<{ count: string }>(
    'select count(*) from public.rate_limit_buckets where key like $1',
    [`%${caller.id}%`],
  );
  return Number(rows[0]?.count);
};

const upstash = () => ({
  UPSTASH_REDIS_REST_URL: process.env.UPSTASH_TEST_URL,
  UPSTASH_REDIS_REST_TOKEN: process.env.UPSTASH_TEST_TOKEN,
});

describe('gateway rate limits', () => {
  it.each([
    ['free', 10],
    ['pro', 60],
    ['max', 120],
  ] as const)('limit a %s caller to %i requests a minute on Postgres', async (plan, limit) => {
    const caller = await newCaller({ plan });
    await expectLimitedAfter(caller, limit);
    expect(await postgresBuckets(caller)).toBe(1);
  });

  it.each([
    ['free', 10],
    ['pro', 60],
  ] as const)(
    'limit a %s caller to %i requests a minute on Upstash when it is configured',
    async (plan, limit) => {
      const caller = await newCaller({ plan });
      await withEnv(upstash(), () => expectLimitedAfter(caller, limit));
      // Counted in Redis, not in Postgres.
      expect(await postgresBuckets(caller)).toBe(0);
      const redis = new Redis({
        url: process.env.UPSTASH_TEST_URL!,
        token: process.env.UPSTASH_TEST_TOKEN!,
        enableTelemetry: false,
      });
      expect((await redis.keys(`*${caller.id}*`)).length).toBeGreaterThan(0);
    },
  );

  it('falls back to Postgres when Upstash is down', async () => {
    const caller = await newCaller({ plan: 'free' });
    const deadUpstash = {
      UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${await freePort()}`,
      UPSTASH_REDIS_REST_TOKEN: 'token',
    };
    await withEnv(deadUpstash, () => expectLimitedAfter(caller, 10));
    expect(await postgresBuckets(caller)).toBe(1);
  });

  it('refuses with 503, never unlimited, when both limiters are down', async () => {
    const caller = await newCaller({ plan: 'free' });
    const bothDown = {
      UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${await freePort()}`,
      UPSTASH_REDIS_REST_TOKEN: 'token',
      DATABASE_URL: await closedDatabaseUrl(),
    };
    const response = await withEnv(bothDown, () => hit(caller));
    expect(response.status).toBe(503);
    expect((await readError(response)).code).toBe('UNAVAILABLE');
    expect(response.headers.get('retry-after')).not.toBeNull();
  });
});

describe('usage alerts', () => {
  const alertsOf = async (caller: Caller) => {
    const { rows } = await testDb().query<{ threshold_percent: number; kind: string }>(
      'select threshold_percent, kind from public.usage_alerts where user_id = $1 order by triggered_at, threshold_percent',
      [caller.id],
    );
    return rows;
  };
  /** The titles the bell shows: usage alerts are stored as facts and worded by the app (ADR 0074). */
  const alertNotificationsOf = async (caller: Caller) => {
    const { rows } = await testDb().query<{ title: string | null; facts: unknown }>(
      "select title, facts from public.notifications where user_id = $1 and kind = 'usage_alert' order by created_at",
      [caller.id],
    );
    return rows.map((row) => {
      expect(row.title).toBeNull();
      return usageAlertText(usageAlertFactsSchema.parse(row.facts), String).title;
    });
  };
  /** One gpt-4o-mini call with 200 output tokens (~123 credits); answers the credits charged. */
  const ask = async (caller: Caller) => {
    const response = await llmProxy(
      jsonRequest(
        '/api/llm/openai',
        {
          model: models.openai,
          messages: [{ role: 'user', content: 'Long answer [[llm:tokens=200]]' }],
          max_tokens: 300,
        },
        { token: caller.token },
      ),
      netlifyContext({ params: { provider: 'openai' } }),
    );
    expect(response.status).toBe(200);
    return ((await response.json()) as { credits_charged: number }).credits_charged;
  };

  it('creates one alert and one notification per allowance threshold crossed, once per period', async () => {
    // 400 credits of allowance; purchased credits cover the rest. A call with 200 output tokens of
    // gpt-4o-mini costs ~123 credits, so the first call crosses nothing, the second 50 %, the
    // third 80 %, the fourth 100 %; the fifth crosses nothing new.
    const caller = await newCaller({ allowance: 400, purchased: 100_000 });

    const cost = await ask(caller);
    expect(cost).toBeGreaterThan(100);
    expect(cost).toBeLessThan(160);
    expect(await alertsOf(caller)).toEqual([]);
    await ask(caller);
    expect(await alertsOf(caller)).toEqual([{ threshold_percent: 50, kind: 'warning' }]);
    await ask(caller);
    await ask(caller);
    await ask(caller);
    expect(await alertsOf(caller)).toEqual([
      { threshold_percent: 50, kind: 'warning' },
      { threshold_percent: 80, kind: 'critical' },
      { threshold_percent: 100, kind: 'limit_reached' },
    ]);
    expect(await alertNotificationsOf(caller)).toHaveLength(3);
  });

  it('warns once when purchased credits fall under 10 % of the last top-up, and a new purchase re-arms it', async () => {
    // No allowance, so every call is paid from purchased credits.
    const caller = await newCaller({ allowance: 0, purchased: 10_000 });
    const purchasedBalance = async () => {
      const { rows } = await testDb().query<{ purchased_balance: string }>(
        'select purchased_balance from public.credit_accounts where user_id = $1',
        [caller.id],
      );
      return Number(rows[0]?.purchased_balance);
    };
    // Takes the purchased balance down to `target` without a settlement (a refunded pack's
    // claw-back), so a test needs a couple of calls, not a hundred, to reach the threshold.
    const lowerTo = async (target: number) => {
      await testDb().query('select billing.claw_back_purchased($1, $2, $3)', [
        caller.id,
        (await purchasedBalance()) - target,
        `test-clawback:${crypto.randomUUID()}`,
      ]);
    };
    const purchasedLow = { threshold_percent: 10, kind: 'purchased_low' };
    const lowTitle = 'Purchased credits running low';

    // The top-up left 10,000, so "low" is under 1,000. A call costs less than 160 credits.
    await ask(caller);
    await lowerTo(1_050);
    expect(await alertsOf(caller)).toEqual([]);
    await ask(caller);
    expect(await purchasedBalance()).toBeLessThan(1_000);
    expect(await alertsOf(caller)).toEqual([purchasedLow]);
    expect(await alertNotificationsOf(caller)).toEqual([lowTitle]);

    // Already low: further calls add nothing.
    await ask(caller);
    await ask(caller);
    expect(await alertsOf(caller)).toEqual([purchasedLow]);
    expect(await alertNotificationsOf(caller)).toEqual([lowTitle]);

    // A purchase starts a new period measured against the balance it leaves.
    await testDb().query('select billing.add_purchased_credits($1, $2, $3)', [
      caller.id,
      20_000,
      `test-purchase:${crypto.randomUUID()}`,
    ]);
    const toppedUp = await purchasedBalance();
    await lowerTo(Math.ceil(toppedUp / 10) + 50);
    await ask(caller);
    expect(await purchasedBalance()).toBeLessThan(toppedUp / 10);
    expect(await alertsOf(caller)).toEqual([purchasedLow, purchasedLow]);
    expect(await alertNotificationsOf(caller)).toEqual([lowTitle, lowTitle]);
  });
});
