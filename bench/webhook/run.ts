/**
 * Stripe webhook throughput (`npm run bench -- webhook [--events 500] [--duplicates 0.2]
 * [--concurrency 20] [--seed N]`): a burst of signed events — pack purchases, new subscriptions,
 * renewals, plan changes and refunds made on the Stripe stand-in — with a share redelivered as
 * duplicates, shuffled, sent to the webhook function `concurrency` at a time. Prints p50/p90/p99
 * per event (signature check, claim, transaction, Stripe re-reads included) and events per
 * second, then checks that no event had two effects.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import Stripe from 'stripe';
import { startLocalPlatform } from '../../dev/platform';
import { loadCatalogFromDatabase } from '../../dev/stand-ins/stripe/catalog';
import type { StripeEvent } from '../../dev/stand-ins/stripe/objects';
import { startStripeStandIn } from '../../dev/stand-ins/stripe/server';
import { signPayload } from '../../dev/stand-ins/stripe/webhooks';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '500' },
    duplicates: { type: 'string', default: '0.2' },
    concurrency: { type: 'string', default: '20' },
    seed: { type: 'string', default: '42' },
  },
});
const totalEvents = Number(args.events);
const duplicateShare = Number(args.duplicates);
const concurrency = Number(args.concurrency);
const secretKey = 'sk_test_bench';
const webhookSecret = 'whsec_bench_webhook';

function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]! };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const ms = (value: number) => value.toFixed(1);

async function main() {
  console.log(`starting a throw-away platform…`);
  const platform = await startLocalPlatform({ mode: 'test' });
  const standIn = await startStripeStandIn({
    port: 0,
    secretKey,
    webhookSecret,
    catalog: await loadCatalogFromDatabase(platform.databaseUrl),
    webhook: null, // captured, then sent as one burst
  });
  Object.assign(process.env, platform.env, {
    STRIPE_SECRET_KEY: secretKey,
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    STRIPE_API_URL: standIn.url,
    LOG_LEVEL: 'silent',
  });
  const { default: webhook } = await import('../../netlify/functions/stripe-webhook.mjs');
  const { closeDbPools } = await import('../../netlify/lib/db');
  const db = new pg.Pool({ connectionString: platform.databaseUrl, max: 2 });

  try {
    const random = seeded(Number(args.seed));
    const { simulator, store } = standIn;
    const api = new URL(standIn.url);
    const stripe = new Stripe(secretKey, { host: api.hostname, port: api.port, protocol: 'http' });
    const prices = await db.query<{
      stripe_price_id: string;
      kind: string;
      pack_id: string | null;
      credits: string;
    }>(
      `select stripe_price_id, 'plan' as kind, null as pack_id, '0' as credits from public.plan_prices where interval = 'month'
       union all select stripe_price_id, 'pack', id, credits::text from public.token_packs`,
    );
    const plans = prices.rows.filter((row) => row.kind === 'plan');
    const packs = prices.rows.filter((row) => row.kind === 'pack');

    // Customers: signed-up users (the signup trigger makes their accounts) with Stripe customers.
    const customers: Array<{ userId: string; customerId: string; subscription?: string }> = [];
    for (let index = 0; index < 40; index += 1) {
      const userId = crypto.randomUUID();
      await db.query(
        `insert into auth.users (instance_id, id, aud, role, email, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
         values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2, now(), '{}', '{}', now(), now())`,
        [userId, `bench-${userId}@example.com`],
      );
      customers.push({
        userId,
        customerId: simulator.createCustomer(`bench-${userId}@example.com`, { user_id: userId }).id,
      });
    }

    const uniqueTarget = Math.round(totalEvents * (1 - duplicateShare));
    while (store.events.length < uniqueTarget) {
      const customer = random.pick(customers);
      const subscription = customer.subscription ? store.subscriptions.get(customer.subscription) : undefined;
      const roll = random.next();
      const refundable = [...store.charges.values()].filter(
        (c) => c.customer === customer.customerId && c.metadata.pack_id && !c.refunded,
      );
      if (roll < 0.5 || (subscription && roll < 0.6 && refundable.length === 0)) {
        const pack = random.pick(packs);
        const metadata = { user_id: customer.userId, pack_id: pack.pack_id ?? '' };
        const session = await stripe.checkout.sessions.create({
          mode: 'payment',
          customer: customer.customerId,
          client_reference_id: customer.userId,
          line_items: [{ price: pack.stripe_price_id, quantity: 1 }],
          success_url: 'http://localhost/billing',
          metadata,
          payment_intent_data: { metadata },
        });
        await simulator.completeCheckout(session.id);
      } else if (roll < 0.6 && refundable.length > 0) {
        await simulator.refund(random.pick(refundable).id);
      } else if (!subscription) {
        const metadata = { user_id: customer.userId };
        const session = await stripe.checkout.sessions.create({
          mode: 'subscription',
          customer: customer.customerId,
          client_reference_id: customer.userId,
          line_items: [{ price: random.pick(plans).stripe_price_id, quantity: 1 }],
          success_url: 'http://localhost/billing',
          metadata,
          subscription_data: { metadata },
        });
        customer.subscription = (await simulator.completeCheckout(session.id)).subscription ?? undefined;
      } else if (roll < 0.85) {
        await simulator.renew(subscription.id);
      } else {
        await simulator.switchPrice(subscription.id, random.pick(plans).stripe_price_id);
      }
    }
    const unique = store.events.slice(0, uniqueTarget);
    const burst: StripeEvent[] = [...unique];
    while (burst.length < totalEvents) burst.push(random.pick(unique));
    for (let i = burst.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random.next() * (i + 1));
      [burst[i], burst[j]] = [burst[j]!, burst[i]!];
    }

    console.log(
      `sending ${burst.length} signed events (${unique.length} distinct, ${burst.length - unique.length} duplicates), ${concurrency} at a time…`,
    );
    const timings: Array<{ type: string; ms: number; status: number; outcome: string }> = [];
    let next = 0;
    const startedAt = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async (_, worker) => {
        while (next < burst.length) {
          const event = burst[next++]!;
          const payload = JSON.stringify(event);
          const request = new Request('http://localhost:8888/api/stripe/webhook', {
            method: 'POST',
            headers: {
              'content-type': 'application/json; charset=utf-8',
              'stripe-signature': signPayload(payload, webhookSecret),
            },
            body: payload,
          });
          const context = { ip: `198.18.${worker}.${next % 250}`, params: {}, requestId: '' };
          const sentAt = performance.now();
          const response = await webhook(request, context as never);
          const body = (await response.json()) as { outcome?: string };
          timings.push({
            type: event.type,
            ms: performance.now() - sentAt,
            status: response.status,
            outcome: body.outcome ?? 'error',
          });
        }
      }),
    );
    const seconds = (performance.now() - startedAt) / 1000;

    const rows: Array<Record<string, string | number>> = [];
    const byType = new Map<string, number[]>();
    for (const timing of timings) byType.set(timing.type, [...(byType.get(timing.type) ?? []), timing.ms]);
    for (const [type, values] of [
      ...byType.entries(),
      ['all events', timings.map((t) => t.ms)] as [string, number[]],
    ]) {
      const sorted = [...values].sort((a, b) => a - b);
      rows.push({
        event: type,
        count: sorted.length,
        'p50 ms': ms(percentile(sorted, 50)),
        'p90 ms': ms(percentile(sorted, 90)),
        'p99 ms': ms(percentile(sorted, 99)),
        'max ms': ms(sorted.at(-1) ?? 0),
      });
    }
    console.table(rows);
    const outcomes = timings.reduce<Record<string, number>>(
      (acc, t) => ({ ...acc, [t.outcome]: (acc[t.outcome] ?? 0) + 1 }),
      {},
    );
    console.log(
      `throughput: ${(burst.length / seconds).toFixed(0)} events/s (${burst.length} in ${seconds.toFixed(2)} s); outcomes: ${JSON.stringify(outcomes)}`,
    );

    // Double effects: every purchase credited once, every claw-back asked once, every paid
    // period granted at most once, and each distinct event processed exactly once.
    const ids = unique.map((event) => event.id);
    const processed = await db.query<{ count: number }>(
      `select count(*)::int as count from public.stripe_events where id = any($1) and status in ('processed', 'ignored')`,
      [ids],
    );
    const ledger = await db.query<{
      kind: string;
      key: string;
      user_id: string;
      amount: string;
      source: Record<string, unknown>;
    }>(
      `select kind, idempotency_key as key, user_id, amount::text, source from public.credit_ledger where user_id = any($1)`,
      [customers.map((c) => c.userId)],
    );
    const paidPacks = [...store.checkoutSessions.values()].filter(
      (s) => s.mode === 'payment' && s.status === 'complete' && unique.some((e) => e.data.object.id === s.id),
    );
    const purchases = ledger.rows.filter((row) => row.kind === 'purchase');
    const doublePurchases =
      purchases.length - new Set(purchases.map((row) => String(row.source.stripe_checkout_session))).size;
    const grants = ledger.rows.filter((row) => row.kind === 'allowance_grant' && row.key.includes(':sub_'));
    const doubleGrants = grants.length - new Set(grants.map((row) => row.key)).size;
    const clawbacks = ledger.rows.filter((row) => row.kind === 'clawback');
    let overClawed = 0;
    for (const pi of new Set(clawbacks.map((row) => String(row.source.payment_intent)))) {
      const charge = [...store.charges.values()].find((c) => c.payment_intent === pi)!;
      const purchase = purchases.find((row) => row.source.payment_intent === pi);
      const requested = clawbacks
        .filter((row) => row.source.payment_intent === pi)
        .reduce((t, row) => t + Number(row.source.requested), 0);
      if (
        purchase &&
        requested > Math.floor((Number(purchase.amount) * charge.amount_refunded) / charge.amount)
      )
        overClawed += 1;
    }
    const doubles =
      doublePurchases + doubleGrants + overClawed + (purchases.length > paidPacks.length ? 1 : 0);
    console.table([
      { check: 'distinct events processed once', expected: unique.length, actual: processed.rows[0]!.count },
      { check: 'pack purchases credited', expected: paidPacks.length, actual: purchases.length },
      { check: 'double effects', expected: 0, actual: doubles },
    ]);
    if (doubles !== 0 || processed.rows[0]!.count !== unique.length) process.exitCode = 1;
  } finally {
    await db.end();
    await closeDbPools();
    await standIn.stop();
    await platform.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
