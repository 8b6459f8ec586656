/**
 * Reconciliation: a seeded random sequence of billing activity (pack purchases, subscriptions,
 * renewals, failed and recovered payments, plan changes, cancellations, full and partial refunds)
 * whose events are delivered shuffled and with duplicates, 1,000 deliveries in all. Afterwards,
 * for every account: the balances equal the sums of the ledger, and the ledger matches what
 * Stripe (the stand-in) says happened. The table is printed.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StripeEvent } from '../../../dev/stand-ins/stripe/objects';
import { closeDbPools } from '../../../netlify/lib/db';
import { signPayload } from '../../../dev/stand-ins/stripe/webhooks';
import {
  accountState,
  deliverToWebhook,
  ledgerSums,
  signUp,
  startBillingWorld,
  type BillingWorld,
  type TestUser,
} from './harness';

const totalDeliveries = 1000;
const users = 8;

let world: BillingWorld;
beforeAll(async () => {
  world = await startBillingWorld({ deliver: null });
});
afterAll(async () => {
  await world.stop();
  await closeDbPools();
});

/** mulberry32: a tiny seeded generator, so a failing sequence can be run again. */
function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const shuffle = <T>(items: T[]): T[] => {
    for (let i = items.length - 1; i > 0; i -= 1) {
      const j = Math.floor(next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  };
  return { next, pick, shuffle };
}

interface Customer {
  user: TestUser;
  customerId: string;
  subscriptionId?: string;
}

it(
  'after 1,000 shuffled and duplicated billing events every ledger reconciles with Stripe',
  { timeout: 240_000 },
  async () => {
    const seed = Number(process.env.RECONCILIATION_SEED ?? 20261121);
    const random = seeded(seed);
    const { stripe, standIn, catalog } = world;
    const { simulator, store } = standIn;
    const packs = ['pack_10m', 'pack_27m', 'pack_85m', 'pack_150m'];
    const planPrices = [catalog.price('pro', 'month'), catalog.price('max', 'month')];

    const customers: Customer[] = [];
    for (let index = 0; index < users; index += 1) {
      const user = await signUp(world.db);
      const customer = await stripe.customers.create({ email: user.email, metadata: { user_id: user.id } });
      customers.push({ user, customerId: customer.id });
    }

    const checkout = async (
      customer: Customer,
      price: string,
      mode: 'payment' | 'subscription',
      packId?: string,
    ) => {
      const metadata = { user_id: customer.user.id, ...(packId ? { pack_id: packId } : {}) };
      const session = await stripe.checkout.sessions.create({
        mode,
        customer: customer.customerId,
        client_reference_id: customer.user.id,
        line_items: [{ price, quantity: 1 }],
        success_url: 'http://localhost/billing',
        metadata,
        ...(mode === 'subscription'
          ? { subscription_data: { metadata } }
          : { payment_intent_data: { metadata } }),
      });
      return simulator.completeCheckout(session.id);
    };

    /** One random thing a customer or Stripe does. */
    const act = async () => {
      const customer = random.pick(customers);
      const subscription = customer.subscriptionId
        ? store.subscriptions.get(customer.subscriptionId)
        : undefined;
      const live = subscription && subscription.status !== 'canceled' ? subscription : undefined;
      const refundable = [...store.charges.values()].filter(
        (charge) => charge.customer === customer.customerId && charge.metadata.pack_id && !charge.refunded,
      );
      const roll = random.next();
      if (roll < 0.3) {
        const packId = random.pick(packs);
        await checkout(customer, catalog.pack(packId).priceId, 'payment', packId);
      } else if (roll < 0.45 && refundable.length > 0) {
        const charge = random.pick(refundable);
        const remaining = charge.amount - charge.amount_refunded;
        await simulator.refund(
          charge.id,
          random.next() < 0.5 ? remaining : Math.max(1, Math.floor(remaining / 3)),
        );
      } else if (!live) {
        const session = await checkout(customer, random.pick(planPrices), 'subscription');
        customer.subscriptionId = session.subscription ?? undefined;
      } else if (roll < 0.65) {
        await simulator.renew(live.id);
      } else if (roll < 0.75) {
        if (live.status === 'past_due') await simulator.recoverPayment(live.id);
        else await simulator.failPayment(live.id);
      } else if (roll < 0.88) {
        await simulator.switchPrice(live.id, random.pick(planPrices));
      } else {
        await simulator.setCancelAtPeriodEnd(live.id, !live.cancel_at_period_end);
      }
    };

    // Act, then deliver what happened in batches: shuffled, with 20 % redelivered duplicates.
    const delivered: StripeEvent[] = [];
    let deliveries = 0;
    let sent = 0;
    const statuses = new Map<number, number>();
    while (deliveries < totalDeliveries) {
      for (let step = 0; step < 4; step += 1) await act();
      const fresh = store.events.slice(sent);
      sent = store.events.length;
      const duplicates = fresh
        .filter(() => random.next() < 0.25)
        .concat(delivered.filter(() => random.next() < 0.01));
      const batch = random.shuffle([...fresh, ...duplicates]).slice(0, totalDeliveries - deliveries);
      delivered.push(...fresh);
      // Four in flight at a time, like Stripe's concurrent deliveries to one endpoint.
      for (let index = 0; index < batch.length; index += 4) {
        const results = await Promise.all(
          batch.slice(index, index + 4).map((event) => {
            const payload = JSON.stringify(event);
            return deliverToWebhook(payload, signPayload(payload, process.env.STRIPE_WEBHOOK_SECRET ?? ''));
          }),
        );
        for (const status of results) statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
      deliveries += batch.length;
    }
    // The last batch was cut at 1,000: deliver what it left out, so Stripe's final state has been
    // told to the app; these are reported as late.
    const seen = await world.db.query<{ id: string }>(
      'select id from public.stripe_events where id = any($1)',
      [delivered.map((e) => e.id)],
    );
    const known = new Set(seen.rows.map((row) => row.id));
    let late = 0;
    for (const event of delivered.filter((candidate) => !known.has(candidate.id))) {
      const payload = JSON.stringify(event);
      const status = await deliverToWebhook(
        payload,
        signPayload(payload, process.env.STRIPE_WEBHOOK_SECRET ?? ''),
      );
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      late += 1;
    }

    expect([...statuses.keys()]).toEqual([200]);

    // Reconcile every account against its ledger and against Stripe.
    const rows: Array<Record<string, string | number>> = [];
    let problems = 0;
    for (const { user, customerId } of customers) {
      const state = await accountState(world.db, user.id);
      const sums = ledgerSums(state);

      const paidPacks = [...store.checkoutSessions.values()].filter(
        (session) =>
          session.customer === customerId && session.mode === 'payment' && session.status === 'complete',
      );
      const purchases = state.ledger.filter((row) => row.kind === 'purchase');
      const expectedPurchased = paidPacks.reduce(
        (total, session) => total + catalog.pack(session.metadata.pack_id!).credits,
        0,
      );

      let expectedClawback = 0;
      for (const session of paidPacks) {
        const charge = store.charges.get(store.paymentIntents.get(session.payment_intent!)!.latest_charge!)!;
        expectedClawback += Math.floor(
          (catalog.pack(session.metadata.pack_id!).credits * charge.amount_refunded) / charge.amount,
        );
      }
      const clawbacks = state.ledger.filter((row) => row.kind === 'clawback');
      const requested = clawbacks.reduce((total, row) => total + Number(row.source.requested), 0);
      const shortfall = clawbacks.reduce((total, row) => total + Number(row.source.shortfall), 0);

      // Every plan grant names a period Stripe was paid for (or the free month after an end).
      const paidPeriods = new Set(
        [...store.invoices.values()]
          .filter((invoice) => invoice.customer === customerId && invoice.status === 'paid')
          .map(
            (invoice) =>
              `${invoice.parent.subscription_details.subscription}:${new Date(invoice.lines.data[0]!.period.start * 1000).toISOString().slice(0, 10)}`,
          ),
      );
      const planGrants = state.ledger.filter(
        (row) => row.kind === 'allowance_grant' && row.key.includes(':sub_') && !row.key.includes(':free:'),
      );
      const unbacked = planGrants.filter((row) => !paidPeriods.has(row.key.split(':').slice(2).join(':')));

      const liveSubscription = [...store.subscriptions.values()].find(
        (sub) => sub.customer === customerId && ['active', 'trialing', 'past_due'].includes(sub.status),
      );
      const stripePlan = liveSubscription
        ? (
            await world.db.query<{ plan_id: string }>(
              'select plan_id from public.plan_prices where stripe_price_id = $1',
              [liveSubscription.items.data[0]!.price.id],
            )
          ).rows[0]!.plan_id
        : 'free';

      const ok =
        sums.allowance === state.allowance &&
        sums.purchased === state.purchased &&
        purchases.length === paidPacks.length &&
        purchases.reduce((total, row) => total + row.amount, 0) === expectedPurchased &&
        requested === expectedClawback &&
        state.purchased === expectedPurchased - (requested - shortfall) &&
        unbacked.length === 0 &&
        state.plan === stripePlan;
      if (!ok) problems += 1;
      rows.push({
        user: user.id.slice(0, 8),
        packs: `${purchases.length}/${paidPacks.length}`,
        'purchased (ledger=balance)': `${sums.purchased}=${state.purchased}`,
        'clawed back (stripe)': `${requested} (${expectedClawback})`,
        'plan grants': planGrants.length,
        'allowance (ledger=balance)': `${sums.allowance}=${state.allowance}`,
        plan: `${state.plan} (${stripePlan})`,
        ok: ok ? 'yes' : 'NO',
      });
    }

    const processed = await world.db.query<{ status: string; count: number }>(
      `select status, count(*)::int as count from public.stripe_events where id = any($1) group by status order by status`,
      [delivered.map((event) => event.id)],
    );
    const audit = await world.db.query<{ outcome: string; count: number }>(
      `select outcome, count(*)::int as count from public.webhook_audit_log where event_id = any($1) group by outcome order by outcome`,
      [delivered.map((event) => event.id)],
    );
    console.log(
      `\nReconciliation, seed ${seed}: ${deliveries} deliveries (+${late} late) of ${delivered.length} distinct events for ${users} accounts\n` +
        `events by status: ${processed.rows.map((row) => `${row.status} ${row.count}`).join(', ')}; ` +
        `deliveries by outcome: ${audit.rows.map((row) => `${row.outcome} ${row.count}`).join(', ')}`,
    );
    console.table(rows);

    expect(problems).toBe(0);
    expect(processed.rows.every((row) => row.status === 'processed' || row.status === 'ignored')).toBe(true);
    expect(processed.rows.reduce((total, row) => total + row.count, 0)).toBe(delivered.length);
  },
);
