// Revenue and usage figures. Every expected value is derived here from the raw rows — Stripe's
// events as stored, the subscription mirror, the token_usage rows and the model_pricing rates —
// never restated as constants. Other test files write billing and usage data at the same time, so
// global figures are compared against a raw snapshot taken before and after the request, retried
// until the two agree; usage figures use a day range no other test writes to.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import revenue from '../../../netlify/functions/admin-revenue.mjs';
import usage from '../../../netlify/functions/admin-usage.mjs';
import subscriptionCheckout from '../../../netlify/functions/billing-subscription-checkout.mjs';
import tokenPackCheckout from '../../../netlify/functions/billing-token-pack-checkout.mjs';
import llmProxy from '../../../netlify/functions/llm-proxy.mjs';
import { closeDbPools } from '../../../netlify/lib/db';
import type { RevenueReport, UsageReport } from '../../../src/shared/admin-metrics';
import { pay, signUp, startBillingWorld, type BillingWorld, type TestUser } from '../billing/harness';
import { jsonRequest, netlifyContext } from '../http/helpers';
import { call } from './harness';

let world: BillingWorld;
let staff: TestUser;
let customer: TestUser;
beforeAll(async () => {
  world = await startBillingWorld();
  [staff, customer] = await Promise.all([signUp(world.db, { role: 'admin' }), signUp(world.db)]);
});
afterAll(async () => {
  await world.stop();
  await closeDbPools();
});

async function subscribe(user: TestUser, plan: 'pro' | 'max', interval: 'month' | 'year') {
  const response = await subscriptionCheckout(
    jsonRequest('/api/billing/subscription-checkout', { plan, interval }, { token: user.token }),
    netlifyContext(),
  );
  const { url } = (await response.json()) as { url: string };
  await pay(world.standIn, url);
  return world.standIn.store.checkoutSessions.get(url.split('/').pop() ?? '')!.subscription!;
}

async function buyPack(user: TestUser, packId: string) {
  const response = await tokenPackCheckout(
    jsonRequest('/api/billing/token-pack-checkout', { packId }, { token: user.token }),
    netlifyContext(),
  );
  const { url } = (await response.json()) as { url: string };
  await pay(world.standIn, url);
  const session = world.standIn.store.checkoutSessions.get(url.split('/').pop() ?? '')!;
  return world.standIn.store.paymentIntents.get(session.payment_intent!)!.latest_charge!;
}

/** Retries until the raw snapshot is the same before and after the request. */
async function stable<R, E>(raw: () => Promise<E>, request: () => Promise<R>) {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const before = await raw();
    const result = await request();
    const after = await raw();
    if (JSON.stringify(before) === JSON.stringify(after)) return { result, raw: before };
  }
  throw new Error('the data kept changing');
}

interface RawEvent {
  type: string;
  created: string;
  /** null for the bare fixture events other suites store. */
  object: Record<string, unknown> | null;
  previous: Record<string, unknown> | null;
}

async function rawRevenue() {
  const subscriptions = await world.db.query<{
    plan_id: string;
    interval: string;
    status: string;
    amount_cents: number | null;
    stripe_created_at: Date;
    ended: Date | null;
  }>(
    `select s.plan_id, s.interval, s.status, pp.amount_cents, s.stripe_created_at, coalesce(s.ended_at, s.canceled_at) as ended
       from public.subscriptions s left join public.plan_prices pp on pp.stripe_price_id = s.stripe_price_id order by s.id`,
  );
  const events = await world.db.query<RawEvent>(
    `select type, stripe_created_at as created, payload -> 'data' -> 'object' as object,
            payload -> 'data' -> 'previous_attributes' as previous
       from public.stripe_events order by id`,
  );
  return { subscriptions: subscriptions.rows, events: events.rows };
}

/** The revenue figures, computed in TypeScript from the raw rows by the documented definitions. */
function expectedRevenue(raw: Awaited<ReturnType<typeof rawRevenue>>, now = new Date()) {
  const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const monthOf = (date: Date | string) => new Date(date).toISOString().slice(0, 7);
  const billed = raw.subscriptions.filter((s) => s.status === 'active' || s.status === 'past_due');
  const monthly = (s: (typeof billed)[number]) => (s.amount_cents ?? 0) / (s.interval === 'year' ? 12 : 1);
  const mrr = billed.reduce((sum, s) => sum + monthly(s), 0);
  const byPlan = new Map<string, { plan: string; interval: string; subscriptions: number; mrr: number }>();
  for (const s of billed) {
    const key = `${s.plan_id}/${s.interval}`;
    const entry = byPlan.get(key) ?? { plan: s.plan_id, interval: s.interval, subscriptions: 0, mrr: 0 };
    entry.subscriptions += 1;
    entry.mrr += monthly(s);
    byPlan.set(key, entry);
  }
  const isPaidPack = (e: RawEvent) =>
    e.type === 'checkout.session.completed' &&
    e.object?.mode === 'payment' &&
    e.object.payment_status === 'paid';
  const refunded = (e: RawEvent) =>
    Number(e.object?.amount_refunded ?? 0) - Number(e.previous?.amount_refunded ?? 0);
  const thisMonth = raw.events.filter((e) => new Date(e.created).getTime() >= monthStart);
  const packs = thisMonth.filter(isPaidPack);
  const refunds = thisMonth.filter((e) => e.type === 'charge.refunded');
  const disputes = thisMonth.filter((e) => e.type === 'charge.dispute.created');
  const months = Array.from({ length: 12 }, (_, index) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11 + index, 1)).toISOString().slice(0, 7),
  );
  const sumOf = (month: string, pick: (e: RawEvent) => number) =>
    raw.events.filter((e) => monthOf(e.created) === month).reduce((sum, e) => sum + pick(e), 0);
  return {
    mrrCents: Math.round(mrr),
    arrCents: Math.round(mrr * 12),
    mrrByPlan: [...byPlan.values()]
      .sort((a, b) =>
        a.plan === b.plan ? a.interval.localeCompare(b.interval) : a.plan.localeCompare(b.plan),
      )
      .map((entry) => ({ ...entry, mrr: undefined, mrrCents: Math.round(entry.mrr) }))
      .map(({ mrr: _mrr, ...entry }) => entry),
    newSubscriptions: raw.subscriptions.filter((s) => new Date(s.stripe_created_at).getTime() >= monthStart)
      .length,
    churnedSubscriptions: raw.subscriptions.filter(
      (s) => s.status === 'canceled' && s.ended !== null && new Date(s.ended).getTime() >= monthStart,
    ).length,
    pastDueSubscriptions: raw.subscriptions.filter((s) => s.status === 'past_due').length,
    packRevenueCents: packs.reduce((sum, e) => sum + Number(e.object?.amount_total ?? 0), 0),
    packsSold: packs.length,
    refundsCents: refunds.reduce((sum, e) => sum + refunded(e), 0),
    refunds: refunds.length,
    disputesCents: disputes.reduce((sum, e) => sum + Number(e.object?.amount ?? 0), 0),
    disputes: disputes.length,
    monthly: months.map((month) => {
      const subscription = sumOf(month, (e) =>
        e.type === 'invoice.paid' ? Number(e.object?.amount_paid ?? 0) : 0,
      );
      const pack = sumOf(month, (e) => (isPaidPack(e) ? Number(e.object?.amount_total ?? 0) : 0));
      const refund = sumOf(month, (e) => (e.type === 'charge.refunded' ? refunded(e) : 0));
      return {
        month,
        subscriptionCents: subscription,
        packCents: pack,
        refundCents: refund,
        netCents: subscription + pack - refund,
      };
    }),
  };
}

describe('revenue', () => {
  it('MRR/ARR by plan and interval, new, churned, past due, packs, refunds, disputes and 12 months — as the raw events say', async () => {
    // A month of business: two subscriptions, one that fails to renew, one canceled, three packs,
    // a partial refund and a dispute.
    const [a, b, c, d, e] = await Promise.all(Array.from({ length: 5 }, () => signUp(world.db)));
    await subscribe(a!, 'pro', 'month');
    await subscribe(b!, 'max', 'year');
    const failing = await subscribe(c!, 'pro', 'year');
    await world.standIn.simulator.failPayment(failing);
    const leaving = await subscribe(d!, 'max', 'month');
    await world.standIn.simulator.cancelNow(leaving);
    const refundedCharge = await buyPack(e!, 'pack_27m');
    await world.standIn.simulator.refund(refundedCharge, 500);
    const disputedCharge = await buyPack(e!, 'pack_10m');
    await world.standIn.simulator.dispute(disputedCharge);
    await buyPack(a!, 'pack_85m');
    await world.standIn.idle();

    const { result, raw } = await stable(rawRevenue, async () => {
      const response = await call(revenue, '/api/admin/revenue', { token: staff.token });
      expect(response.status).toBe(200);
      return (await response.json()) as RevenueReport;
    });
    const expected = expectedRevenue(raw);
    expect(result).toMatchObject(expected);
    expect(result.monthly).toHaveLength(12);
    expect(result.month).toBe(new Date().toISOString().slice(0, 7));
    // The scenario is in there: its own events are a lower bound.
    expect(result.pastDueSubscriptions).toBeGreaterThanOrEqual(1);
    expect(result.refundsCents).toBeGreaterThanOrEqual(500);
    expect(result.disputes).toBeGreaterThanOrEqual(1);
    expect(result.packsSold).toBeGreaterThanOrEqual(3);
    expect(Object.keys(result.definitions)).toEqual(
      expect.arrayContaining(['mrr', 'packRevenue', 'refunds', 'disputes', 'monthly']),
    );
  });

  it('is for admins only: a member gets 403 and no figure', async () => {
    const response = await call(revenue, '/api/admin/revenue', { token: customer.token });
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('mrr');
  });
});

describe('usage and cost', () => {
  // A range of days in the future that no other test writes usage to.
  const year = 2040 + Math.floor(Math.random() * 50);
  const days = [`${year}-03-01`, `${year}-03-02`, `${year}-03-03`];

  async function currentModels() {
    const { rows } = await world.db.query<{
      provider: string;
      model: string;
      input_rate: number;
      output_rate: number;
      cached_input_rate: number;
    }>(
      `select distinct on (provider) provider, model, input_rate::float8, output_rate::float8, cached_input_rate::float8
         from public.model_pricing where effective_to is null order by provider, model`,
    );
    return rows;
  }

  it('credits and list-price cost by day, provider, model and feature, top users and margin per plan match the raw usage rows', async () => {
    const models = await currentModels();
    expect(models.length).toBeGreaterThanOrEqual(2);
    const users = await Promise.all(['pro', 'max', 'free'].map(() => signUp(world.db)));
    const plans = ['pro', 'max', 'free'];
    await Promise.all(
      users.map((user, index) =>
        world.db.query('update public.profiles set plan = $2 where id = $1', [user.id, plans[index]]),
      ),
    );
    const features = ['chat', 'team_run', 'workflow', 'proxy'];
    const rows = Array.from({ length: 60 }, (_, index) => ({
      user: users[index % users.length]!,
      model: models[index % models.length]!,
      feature: features[index % features.length]!,
      day: days[index % days.length]!,
      input: 100 + ((index * 7919) % 5000),
      output: 50 + ((index * 104729) % 3000),
      cached: (index * 31) % 400,
      credits: 10 + ((index * 97) % 900),
    }));
    // Written concurrently, in separate transactions: no upsert may lose another's sums.
    await Promise.all(
      rows.map((row, index) =>
        world.db.query(
          `insert into public.token_usage (user_id, request_id, provider, model, feature, input_tokens, output_tokens, cached_tokens, credits_charged, status, created_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'ok', $10::date + make_interval(secs => $11))`,
          [
            row.user.id,
            `rollup-${randomUUID()}`,
            row.model.provider,
            row.model.model,
            row.feature,
            row.input,
            row.output,
            row.cached,
            row.credits,
            row.day,
            index * 60,
          ],
        ),
      ),
    );
    // A paid invoice of the pro user's subscription in the range: revenue for the margin.
    const subscriptionId = `sub_rollup_${randomUUID().slice(0, 8)}`;
    await world.db.query(
      `insert into public.subscriptions (user_id, stripe_subscription_id, stripe_customer_id, stripe_price_id, plan_id, interval, status, stripe_created_at, stripe_event_created_at)
       values ($1, $2, 'cus_rollup', 'price_pro_monthly', 'pro', 'month', 'canceled', $3::date, $3::date)`,
      [users[0]!.id, subscriptionId, days[0]],
    );
    await world.db.query(
      `insert into public.stripe_events (id, type, status, payload, stripe_created_at) values ($1, 'invoice.paid', 'processed', $2, $3::date)`,
      [
        `evt_rollup_${randomUUID().slice(0, 8)}`,
        {
          data: {
            object: { amount_paid: 2900, parent: { subscription_details: { subscription: subscriptionId } } },
          },
        },
        days[1],
      ],
    );

    const response = await call(usage, `/api/admin/usage?from=${days[0]}&to=${days[2]}`, {
      token: staff.token,
    });
    expect(response.status).toBe(200);
    const report = (await response.json()) as UsageReport;

    const cost = (row: (typeof rows)[number]) =>
      (row.input * row.model.input_rate +
        row.output * row.model.output_rate +
        row.cached * row.model.cached_input_rate) /
      1e6;
    const group = <K extends string>(key: (row: (typeof rows)[number]) => Record<K, string>) => {
      const map = new Map<string, Record<K, string> & { requests: number; credits: number; cost: number }>();
      for (const row of rows) {
        const keys = key(row);
        const id = JSON.stringify(keys);
        const entry = map.get(id) ?? { ...keys, requests: 0, credits: 0, cost: 0 };
        entry.requests += 1;
        entry.credits += row.credits;
        entry.cost += cost(row);
        map.set(id, entry);
      }
      return [...map.values()].map(({ cost: exact, ...entry }) => ({
        ...entry,
        costCredits: Math.round(exact),
      }));
    };
    const sorted = <T>(list: T[]) =>
      [...list].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
    const totalCost = rows.reduce((sum, row) => sum + cost(row), 0);
    expect(report.totals).toEqual({
      requests: rows.length,
      credits: rows.reduce((sum, row) => sum + row.credits, 0),
      costCredits: Math.round(totalCost),
    });
    expect(sorted(report.byDay)).toEqual(sorted(group((row) => ({ day: row.day }))));
    expect(sorted(report.byProvider)).toEqual(sorted(group((row) => ({ provider: row.model.provider }))));
    expect(sorted(report.byModel)).toEqual(
      sorted(group((row) => ({ provider: row.model.provider, model: row.model.model }))),
    );
    expect(sorted(report.byFeature)).toEqual(sorted(group((row) => ({ feature: row.feature }))));

    const perUser = users
      .map((user) => {
        const mine = rows.filter((row) => row.user === user);
        return {
          userId: user.id,
          email: user.email,
          requests: mine.length,
          credits: mine.reduce((sum, row) => sum + row.credits, 0),
          costCredits: Math.round(mine.reduce((sum, row) => sum + cost(row), 0)),
        };
      })
      .sort((x, y) => y.credits - x.credits || x.userId.localeCompare(y.userId));
    expect(report.topUsers).toEqual(perUser);

    const planCost = (plan: string) =>
      Math.round(
        rows
          .filter((row) => plans[users.indexOf(row.user)] === plan)
          .reduce((sum, row) => sum + cost(row), 0) / 10_000,
      );
    expect(sorted(report.marginByPlan)).toEqual(
      sorted(
        plans.map((plan) => {
          const revenueCents = plan === 'pro' ? 2900 : 0;
          const costCents = planCost(plan);
          return {
            plan,
            revenueCents,
            costCents,
            marginCents: revenueCents - costCents,
            marginPercent:
              revenueCents > 0 ? Math.round(((revenueCents - costCents) / revenueCents) * 1000) / 10 : null,
          };
        }),
      ),
    );
    expect(report.definitions.cost).toContain('list price');
  });

  it('a real call through the gateway lands in the rollups, equal to the raw usage rows of its user', async () => {
    const caller = await signUp(world.db);
    const response = await llmProxy(
      jsonRequest(
        '/api/llm/openai',
        { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'rollup' }], max_tokens: 32 },
        { token: caller.token },
      ),
      netlifyContext({ params: { provider: 'openai' } }),
    );
    expect(response.status).toBe(200);
    await response.text();
    // The rollups are folded when read (the admin report folds first): fold as it does.
    await world.db.query('select private.fold_usage_queue()');
    const { rows } = await world.db.query(
      `select (select coalesce(sum(credits_charged), 0)::float8 from public.token_usage where user_id = $1) as raw_credits,
              (select count(*)::int from public.token_usage where user_id = $1) as raw_requests,
              (select coalesce(sum(credits), 0)::float8 from public.usage_user_monthly_rollups where user_id = $1) as rolled_credits,
              (select coalesce(sum(requests), 0)::int from public.usage_user_monthly_rollups where user_id = $1) as rolled_requests`,
      [caller.id],
    );
    expect(rows[0].raw_requests).toBe(1);
    expect(rows[0].raw_credits).toBeGreaterThan(0);
    expect(rows[0]).toMatchObject({ rolled_credits: rows[0].raw_credits, rolled_requests: 1 });
  });

  it('folds a queued call whose user was deleted meanwhile: the day counts it, no per-user row', async () => {
    const caller = await signUp(world.db);
    const model = `gpt-4o-mini`;
    const { rows: queued } = await world.db.query<{ id: string }>(
      `insert into public.token_usage (user_id, request_id, provider, model, status, credits_charged, created_at)
       values ($1, $2, 'openai', $3, 'ok', 77, '2031-05-05T12:00:00Z') returning id`,
      [caller.id, `fold-${randomUUID()}`, model],
    );
    // Account deletion anonymises usage rows before the queue is folded.
    await world.db.query('update public.token_usage set user_id = null where id = $1', [queued[0]!.id]);
    await world.db.query('select private.fold_usage_queue()');
    const { rows } = await world.db.query(
      `select (select coalesce(sum(credits), 0)::int from public.usage_daily_rollups where day = '2031-05-05') as day_credits,
              (select count(*)::int from public.usage_user_monthly_rollups where month = '2031-05-01') as monthly_rows`,
    );
    expect(rows[0]).toEqual({ day_credits: 77, monthly_rows: 0 });
  });

  it('refuses a member (403) and bad ranges (400)', async () => {
    expect((await call(usage, '/api/admin/usage', { token: customer.token })).status).toBe(403);
    for (const query of [
      'from=2026-02-01&to=2026-01-01',
      'from=yesterday',
      'from=2020-01-01&to=2026-01-01',
    ]) {
      expect((await call(usage, `/api/admin/usage?${query}`, { token: staff.token })).status).toBe(400);
    }
  });
});
