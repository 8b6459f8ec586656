/**
 * The webhook's guarantees, with events signed by stripe-node's own generateTestHeaderString:
 * signatures, exactly-once under concurrent duplicates, convergence under reordering, the
 * dead-letter queue and admin replay, the size limit and the per-IP rate limit.
 */
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPrice } from '../../../dev/stand-ins/stripe/catalog';
import type { StripeEvent } from '../../../dev/stand-ins/stripe/objects';
import replay from '../../../netlify/functions/admin-webhook-replay.mjs';
import stripeWebhook from '../../../netlify/functions/stripe-webhook.mjs';
import { closeDbPools } from '../../../netlify/lib/db';
import { apiRequest, netlifyContext, readError } from '../http/helpers';
import {
  accountState,
  ledgerSums,
  randomIp,
  signedRequest,
  signUp,
  startBillingWorld,
  webhookSecret,
  type BillingWorld,
  type TestUser,
} from './harness';

// Events are captured, not delivered: each test delivers them itself.
let world: BillingWorld;
beforeAll(async () => {
  world = await startBillingWorld({ deliver: null });
});
afterAll(async () => {
  await world.stop();
  await closeDbPools();
});

const sign = (payload: string, options: { secret?: string; timestamp?: number } = {}) =>
  Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? webhookSecret,
    ...(options.timestamp ? { timestamp: options.timestamp } : {}),
  });

async function deliver(event: StripeEvent | string, options: { ip?: string; header?: string } = {}) {
  const payload = typeof event === 'string' ? event : JSON.stringify(event);
  const response = await stripeWebhook(
    signedRequest(payload, options.header ?? sign(payload)),
    netlifyContext({ ip: options.ip ?? randomIp() }),
  );
  return {
    status: response.status,
    body: (await response.json()) as { outcome?: string; error?: { code: string } },
  };
}

/** Runs `action` on the stand-in and returns the events it produced (not yet delivered). */
async function eventsOf(action: () => Promise<unknown>): Promise<StripeEvent[]> {
  const before = world.standIn.store.events.length;
  await action();
  return world.standIn.store.events.slice(before);
}

async function checkout(user: TestUser, price: string, mode: 'payment' | 'subscription') {
  const customer = await world.stripe.customers.create({ email: user.email, metadata: { user_id: user.id } });
  const metadata = { user_id: user.id, ...(mode === 'payment' ? { pack_id: 'pack_10m' } : {}) };
  const session = await world.stripe.checkout.sessions.create({
    mode,
    customer: customer.id,
    client_reference_id: user.id,
    line_items: [{ price, quantity: 1 }],
    success_url: 'http://localhost/billing',
    metadata,
    ...(mode === 'subscription'
      ? { subscription_data: { metadata } }
      : { payment_intent_data: { metadata } }),
  });
  const events = await eventsOf(() => world.standIn.simulator.completeCheckout(session.id));
  return { events, session: world.standIn.store.checkoutSessions.get(session.id)! };
}

const auditOf = async (eventId: string) =>
  (
    await world.db.query<{ outcome: string }>(
      'select outcome from public.webhook_audit_log where event_id = $1 order by created_at',
      [eventId],
    )
  ).rows.map((row) => row.outcome);

describe('signature', () => {
  it('refuses forged, stale, tampered and unsigned deliveries with 400 and writes nothing', async () => {
    const user = await signUp(world.db);
    const { events } = await checkout(user, world.catalog.pack('pack_10m').priceId, 'payment');
    const event = events.find((candidate) => candidate.type === 'checkout.session.completed')!;
    const payload = JSON.stringify(event);

    const forged = await deliver(payload, { header: sign(payload, { secret: 'whsec_somebody_else' }) });
    const stale = await deliver(payload, {
      header: sign(payload, { timestamp: Math.floor(Date.now() / 1000) - 600 }),
    });
    const tampered = await deliver(
      payload.replace('"livemode": false', '"livemode": true').replace('"livemode":false', '"livemode":true'),
      {
        header: sign(payload),
      },
    );
    const response = await stripeWebhook(
      apiRequest('/api/stripe/webhook', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: payload,
      }),
      netlifyContext({ ip: randomIp() }),
    );
    for (const result of [forged, stale, tampered]) {
      expect(result.status).toBe(400);
      expect(result.body.error?.code).toBe('VALIDATION_FAILED');
    }
    expect(response.status).toBe(400);

    const written = await world.db.query('select 1 from public.stripe_events where id = $1', [event.id]);
    expect(written.rows).toHaveLength(0);
    expect(await auditOf(event.id)).toEqual([]);
    expect((await accountState(world.db, user.id)).purchased).toBe(0);
  });
});

describe('exactly once', () => {
  it('the same event delivered 20 times concurrently has one effect', async () => {
    const user = await signUp(world.db);
    const { events } = await checkout(user, world.catalog.pack('pack_10m').priceId, 'payment');
    const event = events.find((candidate) => candidate.type === 'checkout.session.completed')!;

    const results = await Promise.all(Array.from({ length: 20 }, () => deliver(event)));
    expect(results.map((result) => result.status)).toEqual(Array(20).fill(200));
    const outcomes = results.map((result) => result.body.outcome).sort();
    expect(outcomes).toEqual(['processed', ...Array(19).fill('duplicate')].sort());

    const state = await accountState(world.db, user.id);
    expect(state.ledger.filter((row) => row.kind === 'purchase')).toHaveLength(1);
    expect(state.purchased).toBe(world.catalog.pack('pack_10m').credits);
    expect((await auditOf(event.id)).sort()).toEqual(['processed', ...Array(19).fill('duplicate')].sort());
  });

  it('processes a delivery whose client address the platform could not tell', async () => {
    const user = await signUp(world.db);
    const { events } = await checkout(user, world.catalog.pack('pack_10m').priceId, 'payment');
    const event = events.find((candidate) => candidate.type === 'checkout.session.completed')!;
    expect(await deliver(event, { ip: 'unknown' })).toMatchObject({
      status: 200,
      body: { outcome: 'processed' },
    });
    expect(await auditOf(event.id)).toEqual(['processed']);
  });
});

describe('ordering', () => {
  it("a subscription's events delivered in reverse converge to Stripe's state", async () => {
    const user = await signUp(world.db);
    const { events, session } = await checkout(user, world.catalog.price('pro', 'month'), 'subscription');
    const subscriptionId = session.subscription!;
    const { simulator } = world.standIn;
    events.push(
      ...(await eventsOf(() => simulator.switchPrice(subscriptionId, world.catalog.price('max', 'month')))),
    );
    events.push(...(await eventsOf(() => simulator.renew(subscriptionId))));
    events.push(...(await eventsOf(() => simulator.failPayment(subscriptionId))));
    events.push(...(await eventsOf(() => simulator.recoverPayment(subscriptionId))));

    for (const event of [...events].reverse()) expect((await deliver(event)).status).toBe(200);

    const state = await accountState(world.db, user.id);
    expect(state).toMatchObject({
      plan: 'max',
      planStatus: 'active',
      allowance: world.catalog.planCredits('max'),
    });
    expect(ledgerSums(state)).toEqual({ allowance: state.allowance, purchased: state.purchased });
    const truth = world.standIn.store.subscriptions.get(subscriptionId)!;
    const mirror = await world.db.query<{
      status: string;
      stripe_price_id: string;
      current_period_end: Date;
    }>(
      'select status, stripe_price_id, current_period_end from public.subscriptions where stripe_subscription_id = $1',
      [subscriptionId],
    );
    expect(mirror.rows[0]).toEqual({
      status: truth.status,
      stripe_price_id: truth.items.data[0]!.price.id,
      current_period_end: new Date(truth.items.data[0]!.current_period_end * 1000),
    });
  });

  it('a refund processed before its purchase still claws the pack back', async () => {
    const user = await signUp(world.db);
    const { events, session } = await checkout(user, world.catalog.pack('pack_10m').priceId, 'payment');
    const intent = world.standIn.store.paymentIntents.get(session.payment_intent!)!;
    events.push(...(await eventsOf(() => world.standIn.simulator.refund(intent.latest_charge!))));

    for (const event of [...events].reverse()) expect((await deliver(event)).status).toBe(200);
    const state = await accountState(world.db, user.id);
    expect(state.purchased).toBe(0);
    // One transaction: the purchase and its claw-back.
    const moves = state.ledger
      .filter((row) => row.bucket === 'purchased')
      .map((row) => [row.kind, row.amount]);
    const credits = world.catalog.pack('pack_10m').credits;
    expect(moves.sort()).toEqual([
      ['clawback', -credits],
      ['purchase', credits],
    ]);
  });
});

describe('dead-letter queue and replay', () => {
  it('three failures dead-letter the event (then 2xx); an admin replays it once, with one effect', async () => {
    const user = await signUp(world.db);
    const admin = await signUp(world.db, { role: 'admin' });
    // A price Stripe sells but our catalog does not know yet: processing fails until it does.
    const suffix = crypto.randomUUID().replaceAll('-', '').slice(0, 10);
    const planId = `dlq_${suffix}`;
    const priceId = `price_dlq_${suffix}`;
    world.standIn.store.prices.set(
      priceId,
      toPrice({ id: priceId, name: 'DLQ plan', unitAmount: 500, currency: 'usd', interval: 'month' }, 0),
    );
    const { events } = await checkout(user, priceId, 'subscription');
    const invoicePaid = events.find((event) => event.type === 'invoice.paid')!;

    expect((await deliver(invoicePaid)).status).toBe(500);
    expect((await deliver(invoicePaid)).status).toBe(500);
    const third = await deliver(invoicePaid);
    expect(third).toMatchObject({ status: 200, body: { outcome: 'dead_lettered' } });
    expect((await deliver(invoicePaid)).body.outcome).toBe('duplicate');

    const stored = await world.db.query('select status, attempts from public.stripe_events where id = $1', [
      invoicePaid.id,
    ]);
    expect(stored.rows[0]).toEqual({ status: 'dead_lettered', attempts: 3 });
    const dead = await world.db.query<{ id: string; failure_count: number; last_error: string }>(
      'select id, failure_count, last_error from public.failed_webhook_events where event_id = $1',
      [invoicePaid.id],
    );
    expect(dead.rows[0]).toMatchObject({ failure_count: 3, last_error: expect.stringContaining(priceId) });
    expect(await auditOf(invoicePaid.id)).toEqual([
      'failed',
      'failed',
      'failed',
      'dead_lettered',
      'duplicate',
    ]);

    const replayAs = (token: string, id: string) =>
      replay(
        apiRequest(`/api/admin/webhooks/${id}/replay`, { method: 'POST', token }),
        netlifyContext({ params: { id } }),
      );
    expect((await replayAs(user.token, dead.rows[0]!.id)).status).toBe(403);
    expect((await replayAs(admin.token, crypto.randomUUID())).status).toBe(404);
    const stillBroken = await replayAs(admin.token, dead.rows[0]!.id);
    expect(stillBroken.status).toBe(409);
    expect((await readError(stillBroken)).code).toBe('CONFLICT');

    // Someone fixes the catalog, then replays.
    await world.db.query(
      "insert into public.plans (id, name, monthly_credits) values ($1, 'DLQ plan', 3000000)",
      [planId],
    );
    await world.db.query(
      "insert into public.plan_prices (plan_id, interval, stripe_price_id, amount_cents) values ($1, 'month', $2, 500)",
      [planId, priceId],
    );
    const replayed = await replayAs(admin.token, dead.rows[0]!.id);
    expect(replayed.status).toBe(200);
    expect(await replayed.json()).toEqual({
      eventId: invoicePaid.id,
      type: 'invoice.paid',
      outcome: 'processed',
    });
    const again = await replayAs(admin.token, invoicePaid.id);
    expect(((await again.json()) as { outcome: string }).outcome).toBe('duplicate');

    const state = await accountState(world.db, user.id);
    expect(state).toMatchObject({ plan: planId, allowance: 3_000_000 });
    expect(
      state.ledger.filter((row) => row.kind === 'allowance_grant' && row.key.includes('sub_')),
    ).toHaveLength(1);
    const resolved = await world.db.query(
      'select replay_count, resolved_at is not null as resolved from public.failed_webhook_events where event_id = $1',
      [invoicePaid.id],
    );
    expect(resolved.rows[0]).toEqual({ replay_count: 2, resolved: true });
  });
});

describe('limits', () => {
  it('answers 413 to a payload over 1 MB', async () => {
    const payload = JSON.stringify({ id: 'evt_big', padding: 'x'.repeat(1024 * 1024 + 1) });
    const result = await deliver(payload);
    expect(result.status).toBe(413);
    expect(result.body.error?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('allows 100 deliveries per minute per IP', async () => {
    const ip = randomIp();
    const payload = JSON.stringify({ id: 'evt_unsigned' });
    const statuses: number[] = [];
    for (let index = 0; index < 101; index += 1)
      statuses.push((await deliver(payload, { ip, header: 'v1=forged' })).status);
    expect(statuses.slice(0, 100).every((status) => status === 400)).toBe(true);
    expect(statuses[100]).toBe(429);
  });
});
