/**
 * Every billing event type, end to end: the functions create Checkout sessions on the Stripe
 * stand-in, "Pay" and the portal and dashboard actions make it send the signed events Stripe
 * would send, and the webhook function turns them into plan changes and ledger rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import subscriptionCheckout from '../../../netlify/functions/billing-subscription-checkout.mjs';
import tokenPackCheckout from '../../../netlify/functions/billing-token-pack-checkout.mjs';
import portal from '../../../netlify/functions/billing-portal.mjs';
import { grantFreeAllowances } from '../../../netlify/lib/billing/free-allowances';
import { grantYearlyAllowances } from '../../../netlify/lib/billing/yearly-allowances';
import { addMonths } from '../../../netlify/lib/billing/webhook/allowance';
import { closeDbPools } from '../../../netlify/lib/db';
import { createLogger } from '../../../netlify/lib/observability/logger';
import { apiRequest, jsonRequest, netlifyContext } from '../http/helpers';
import {
  accountState,
  ledgerSums,
  pay,
  signUp,
  startBillingWorld,
  type BillingWorld,
  type TestUser,
} from './harness';

let world: BillingWorld;
beforeAll(async () => {
  world = await startBillingWorld();
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
  const returnUrl = await pay(world.standIn, url);
  expect(returnUrl).toContain('/billing?checkout=success&session_id=cs_test_');
  const session = world.standIn.store.checkoutSessions.get(url.split('/').pop() ?? '');
  const subscriptionId = session?.subscription;
  if (!subscriptionId) throw new Error('checkout did not create a subscription');
  return subscriptionId;
}

async function buyPack(user: TestUser, packId: string) {
  const response = await tokenPackCheckout(
    jsonRequest('/api/billing/token-pack-checkout', { packId }, { token: user.token }),
    netlifyContext(),
  );
  const { url } = (await response.json()) as { url: string };
  await pay(world.standIn, url);
  const session = world.standIn.store.checkoutSessions.get(url.split('/').pop() ?? '');
  const intent = world.standIn.store.paymentIntents.get(session?.payment_intent ?? '');
  if (!intent?.latest_charge) throw new Error('pack checkout made no charge');
  return { sessionId: session!.id, paymentIntent: intent.id, chargeId: intent.latest_charge };
}

async function openPortal(user: TestUser) {
  const response = await portal(
    apiRequest('/api/billing/portal', { method: 'POST', token: user.token }),
    netlifyContext(),
  );
  return ((await response.json()) as { url: string }).url;
}

/** Clicks a portal button the way the hosted portal page posts it. */
async function portalAction(
  portalUrl: string,
  action: 'switch' | 'cancel' | 'resume',
  fields: Record<string, string>,
) {
  const response = await fetch(`${portalUrl}/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
  expect(response.status).toBe(303);
}

async function spend(userId: string, credits: number) {
  const requestId = `test-usage-${crypto.randomUUID()}`;
  await world.db.query('select billing.reserve_credits($1, $2, $3)', [userId, credits, requestId]);
  await world.db.query('select billing.settle_reservation($1, $2)', [requestId, credits]);
}

const grants = (state: Awaited<ReturnType<typeof accountState>>) =>
  state.ledger.filter((row) => row.kind === 'allowance_grant');

async function expectLedgerBalanced(userId: string) {
  const state = await accountState(world.db, userId);
  expect(ledgerSums(state)).toEqual({ allowance: state.allowance, purchased: state.purchased });
  return state;
}

describe('subscriptions', () => {
  it('two checkout tabs paid one after the other: one subscription, the second cancelled and refunded', async () => {
    const user = await signUp(world.db);
    const open = async (plan: 'pro' | 'max') => {
      const response = await subscriptionCheckout(
        jsonRequest('/api/billing/subscription-checkout', { plan, interval: 'month' }, { token: user.token }),
        netlifyContext(),
      );
      return ((await response.json()) as { url: string }).url;
    };
    const [first, second] = [await open('pro'), await open('max')];
    await pay(world.standIn, first);
    await pay(world.standIn, second);
    await world.standIn.idle();

    const sessionOf = (url: string) => world.standIn.store.checkoutSessions.get(url.split('/').pop()!)!;
    const kept = world.standIn.store.subscriptions.get(sessionOf(first).subscription!)!;
    const duplicate = world.standIn.store.subscriptions.get(sessionOf(second).subscription!)!;
    expect(kept.status).toBe('active');
    expect(duplicate).toMatchObject({ status: 'canceled', metadata: { duplicate_of: kept.id } });
    // The duplicate's payment went back in full.
    const payments = [...world.standIn.store.invoicePayments.values()].filter(
      (payment) => payment.invoice === duplicate.latest_invoice,
    );
    const charge = world.standIn.store.charges.get(
      world.standIn.store.paymentIntents.get(payments[0]!.payment.payment_intent)!.latest_charge!,
    )!;
    expect(charge.amount_refunded).toBe(charge.amount);

    const state = await expectLedgerBalanced(user.id);
    expect(state).toMatchObject({ plan: 'pro', allowance: world.catalog.planCredits('pro') });
    expect(grants(state).filter((row) => row.key.includes(duplicate.id))).toEqual([]);
    const { rows } = await world.db.query<{ title: string }>(
      `select title from public.notifications where user_id = $1 and kind = 'billing'`,
      [user.id],
    );
    expect(rows.map((row) => row.title)).toEqual(['You were already subscribed']);
  });

  it('subscribing grants the plan and its first monthly allowance once, though four events say so', async () => {
    const user = await signUp(world.db);
    const subscriptionId = await subscribe(user, 'pro', 'month');

    const state = await expectLedgerBalanced(user.id);
    expect(state).toMatchObject({
      plan: 'pro',
      planStatus: 'active',
      allowance: world.catalog.planCredits('pro'),
    });
    const planGrants = grants(state).filter((row) => row.key.includes(subscriptionId));
    expect(planGrants).toHaveLength(1);

    const mirror = await world.db.query(
      'select plan_id, interval, status, stripe_customer_id from public.subscriptions where stripe_subscription_id = $1',
      [subscriptionId],
    );
    expect(mirror.rows[0]).toMatchObject({ plan_id: 'pro', interval: 'month', status: 'active' });
    const events = await world.db.query<{ type: string; status: string }>(
      `select type, status from public.stripe_events where payload -> 'data' -> 'object' ->> 'id' = $1
          or payload -> 'data' -> 'object' ->> 'subscription' = $1
          or payload -> 'data' -> 'object' -> 'parent' -> 'subscription_details' ->> 'subscription' = $1`,
      [subscriptionId],
    );
    expect(events.rows.map((row) => row.type).sort()).toEqual([
      'checkout.session.completed',
      'customer.subscription.created',
      'invoice.paid',
      'invoice.payment_succeeded',
    ]);
    expect(events.rows.every((row) => row.status === 'processed')).toBe(true);
  });

  it('every paid renewal grants that period (the unspent allowance lapses)', async () => {
    const user = await signUp(world.db);
    const subscriptionId = await subscribe(user, 'pro', 'month');
    await spend(user.id, 5_000_000);
    await world.standIn.simulator.renew(subscriptionId);

    const state = await expectLedgerBalanced(user.id);
    expect(state.allowance).toBe(world.catalog.planCredits('pro'));
    expect(grants(state).filter((row) => row.key.includes(subscriptionId))).toHaveLength(2);
    const expiry = state.ledger.filter((row) => row.kind === 'allowance_expiry').at(-1);
    expect(expiry?.amount).toBe(-(world.catalog.planCredits('pro') - 5_000_000));
    expect(grants(state).at(-1)?.source).toMatchObject({
      stripe_invoice: expect.stringMatching(/^in_/),
      plan: 'pro',
    });
  });

  it('a failed payment makes the plan past due but keeps it; the recovered payment grants the period', async () => {
    const user = await signUp(world.db);
    const subscriptionId = await subscribe(user, 'pro', 'month');
    await world.standIn.simulator.failPayment(subscriptionId);

    let state = await expectLedgerBalanced(user.id);
    expect(state).toMatchObject({ plan: 'pro', planStatus: 'past_due' });
    expect(grants(state).filter((row) => row.key.includes(subscriptionId))).toHaveLength(1);
    // The user is told, once, by email (queued in the webhook's transaction).
    const emails = await world.db.query(
      `select template, payload from public.email_outbox where user_id = $1`,
      [user.id],
    );
    expect(emails.rows).toEqual([
      {
        template: 'payment_failed',
        payload: expect.objectContaining({ planName: 'Pro', amountDue: '$29.00' }),
      },
    ]);

    await world.standIn.simulator.recoverPayment(subscriptionId);
    state = await expectLedgerBalanced(user.id);
    expect(state).toMatchObject({ plan: 'pro', planStatus: 'active' });
    expect(grants(state).filter((row) => row.key.includes(subscriptionId))).toHaveLength(2);
  });

  it('cancelling in the portal keeps the plan until the period ends, then the user is back on free', async () => {
    const user = await signUp(world.db);
    const subscriptionId = await subscribe(user, 'max', 'month');
    await portalAction(await openPortal(user), 'cancel', { subscription: subscriptionId });

    let state = await expectLedgerBalanced(user.id);
    expect(state.plan).toBe('max');
    const mirror = await world.db.query(
      'select cancel_at_period_end from public.subscriptions where stripe_subscription_id = $1',
      [subscriptionId],
    );
    expect(mirror.rows[0].cancel_at_period_end).toBe(true);

    await world.standIn.simulator.renew(subscriptionId); // the period ends
    state = await expectLedgerBalanced(user.id);
    expect(state).toMatchObject({
      plan: 'free',
      planStatus: 'active',
      allowance: world.catalog.planCredits('free'),
    });
    expect(grants(state).at(-1)?.source).toMatchObject({ plan: 'free', reason: 'subscription_ended' });
    const ended = await world.db.query(
      'select status from public.subscriptions where stripe_subscription_id = $1',
      [subscriptionId],
    );
    expect(ended.rows[0].status).toBe('canceled');
  });

  it('a plan change in the portal changes the plan now and the allowance from the next grant', async () => {
    const user = await signUp(world.db);
    const subscriptionId = await subscribe(user, 'pro', 'month');
    await portalAction(await openPortal(user), 'switch', {
      subscription: subscriptionId,
      price: world.catalog.price('max', 'month'),
    });

    let state = await expectLedgerBalanced(user.id);
    expect(state).toMatchObject({ plan: 'max', allowance: world.catalog.planCredits('pro') });

    await world.standIn.simulator.renew(subscriptionId);
    state = await expectLedgerBalanced(user.id);
    expect(state).toMatchObject({ plan: 'max', allowance: world.catalog.planCredits('max') });
  });

  it('yearly plans get their allowance every month: the first from the invoice, the rest from the scheduled job', async () => {
    const user = await signUp(world.db);
    const subscriptionId = await subscribe(user, 'pro', 'year');
    const { rows } = await world.db.query<{ start: Date; end: Date }>(
      'select current_period_start as start, current_period_end as "end" from public.subscriptions where stripe_subscription_id = $1',
      [subscriptionId],
    );
    const { start, end } = rows[0]!;
    expect(addMonths(start, 12).getTime()).toBe(end.getTime());

    let state = await expectLedgerBalanced(user.id);
    expect(grants(state).filter((row) => row.key.includes(subscriptionId))).toHaveLength(1);

    const log = createLogger({ test: 'yearly' });
    const job = (now: Date) => grantYearlyAllowances(world.db, log, { now, userIds: [user.id] });
    expect(await job(new Date(start.getTime() + 3_600_000))).toEqual({ granted: 0, checked: 1 }); // month 1: the invoice's
    await spend(user.id, 1_000_000);
    expect(await job(new Date(addMonths(start, 1).getTime() + 3_600_000))).toEqual({
      granted: 1,
      checked: 1,
    });
    expect(await job(new Date(addMonths(start, 1).getTime() + 7_200_000))).toEqual({
      granted: 0,
      checked: 1,
    });
    // A missed run catches up with the month it is in.
    expect(await job(new Date(addMonths(start, 4).getTime() + 60_000))).toEqual({ granted: 1, checked: 1 });

    state = await expectLedgerBalanced(user.id);
    const yearly = grants(state).filter((row) => row.key.includes(subscriptionId));
    expect(yearly).toHaveLength(3);
    expect(state.allowance).toBe(world.catalog.planCredits('pro'));
    expect(yearly.map((row) => String(row.source.period_start).slice(0, 7))).toEqual(
      [0, 1, 4].map((months) => addMonths(start, months).toISOString().slice(0, 7)),
    );
  });
});

describe('token packs, refunds and disputes', () => {
  it('a refunded subscription payment takes back the allowance it granted, in proportion, never below zero', async () => {
    const user = await signUp(world.db);
    const subscriptionId = await subscribe(user, 'pro', 'month');
    const invoiceId = world.standIn.store.subscriptions.get(subscriptionId)!.latest_invoice!;
    const payment = [...world.standIn.store.invoicePayments.values()].find((p) => p.invoice === invoiceId)!;
    const chargeId = world.standIn.store.paymentIntents.get(payment.payment.payment_intent)!.latest_charge!;
    const charge = world.standIn.store.charges.get(chargeId)!;
    const credits = world.catalog.planCredits('pro');

    await world.standIn.simulator.refund(chargeId, charge.amount / 4);
    let state = await expectLedgerBalanced(user.id);
    expect(state.allowance).toBe(credits - credits / 4);

    await spend(user.id, credits / 2); // spent before the rest is refunded
    await world.standIn.simulator.refund(chargeId);
    state = await expectLedgerBalanced(user.id);
    expect(state.allowance).toBe(0);
    const clawbacks = state.ledger.filter((row) => row.kind === 'clawback');
    expect(clawbacks.map((row) => row.amount)).toEqual([-credits / 4, -credits / 4]);
    expect(clawbacks[1]!.source).toMatchObject({ requested: (credits * 3) / 4, shortfall: credits / 2 });
  });

  it('a paid pack adds its credits to the purchased bucket', async () => {
    const user = await signUp(world.db);
    const { paymentIntent } = await buyPack(user, 'pack_10m');
    const state = await expectLedgerBalanced(user.id);
    expect(state.purchased).toBe(world.catalog.pack('pack_10m').credits);
    expect(state.ledger.find((row) => row.kind === 'purchase')?.source).toMatchObject({
      pack_id: 'pack_10m',
      payment_intent: paymentIntent,
    });
  });

  it('a refund claws the pack back, found by its payment intent; partial refunds in proportion', async () => {
    const user = await signUp(world.db);
    const pack = world.catalog.pack('pack_27m');
    const { chargeId } = await buyPack(user, 'pack_27m');
    await world.standIn.simulator.refund(chargeId, pack.cents / 5);
    let state = await expectLedgerBalanced(user.id);
    expect(state.purchased).toBe(pack.credits - pack.credits / 5);

    await world.standIn.simulator.refund(chargeId); // the rest
    state = await expectLedgerBalanced(user.id);
    expect(state.purchased).toBe(0);
    expect(state.ledger.filter((row) => row.kind === 'clawback').map((row) => row.amount)).toEqual([
      -pack.credits / 5,
      -(pack.credits * 4) / 5,
    ]);
  });

  it('a refund after the credits were spent takes what is left, never below zero, and records the shortfall', async () => {
    const user = await signUp(world.db);
    const pack = world.catalog.pack('pack_10m');
    const { chargeId } = await buyPack(user, 'pack_10m');
    const free = world.catalog.planCredits('free');
    await spend(user.id, free + 7_000_000); // the allowance goes first, then 7M of the pack

    await world.standIn.simulator.refund(chargeId);
    const state = await expectLedgerBalanced(user.id);
    expect(state.purchased).toBe(0);
    const clawback = state.ledger.find((row) => row.kind === 'clawback');
    expect(clawback?.amount).toBe(-(pack.credits - 7_000_000));
    expect(clawback?.source).toMatchObject({ requested: pack.credits, shortfall: 7_000_000 });
  });

  it('a dispute freezes the purchased credits and flags the account', async () => {
    const user = await signUp(world.db);
    const { chargeId } = await buyPack(user, 'pack_10m');
    const dispute = await world.standIn.simulator.dispute(chargeId);

    const state = await expectLedgerBalanced(user.id);
    expect(state.frozen).toBe(true);
    expect(state.purchased).toBe(world.catalog.pack('pack_10m').credits); // kept on the books
    const balance = await world.db.query<{ available: string; frozen_reason: string }>(
      `select (billing.get_balance($1)).available, a.frozen_reason from public.credit_accounts a where a.user_id = $1`,
      [user.id],
    );
    expect(Number(balance.rows[0]!.available)).toBe(state.allowance);
    expect(balance.rows[0]!.frozen_reason).toContain(dispute.id);
  });

  it('a dispute won unfreezes the credits; lost claws the disputed pack back and unfreezes the rest', async () => {
    const winner = await signUp(world.db);
    const won = await buyPack(winner, 'pack_10m');
    const wonDispute = await world.standIn.simulator.dispute(won.chargeId);
    await world.standIn.simulator.closeDispute(wonDispute.id, 'won');
    await world.standIn.idle();
    let state = await expectLedgerBalanced(winner.id);
    expect(state).toMatchObject({ frozen: false, purchased: world.catalog.pack('pack_10m').credits });

    const loser = await signUp(world.db);
    await buyPack(loser, 'pack_10m');
    const lost = await buyPack(loser, 'pack_27m');
    const lostDispute = await world.standIn.simulator.dispute(lost.chargeId);
    await world.standIn.simulator.closeDispute(lostDispute.id, 'lost');
    await world.standIn.idle();
    state = await expectLedgerBalanced(loser.id);
    expect(state).toMatchObject({ frozen: false, purchased: world.catalog.pack('pack_10m').credits });
    expect(state.ledger.filter((row) => row.kind === 'clawback').map((row) => row.amount)).toEqual([
      -world.catalog.pack('pack_27m').credits,
    ]);
  });

  it('a pack paid by a delayed method is credited when the money arrives, never when it fails', async () => {
    const paid = await signUp(world.db);
    const failed = await signUp(world.db);
    for (const [user, outcome] of [
      [paid, 'succeeded'],
      [failed, 'failed'],
    ] as const) {
      const response = await tokenPackCheckout(
        jsonRequest('/api/billing/token-pack-checkout', { packId: 'pack_10m' }, { token: user.token }),
        netlifyContext(),
      );
      const { url } = (await response.json()) as { url: string };
      await world.standIn.simulator.completeCheckoutDelayed(url.split('/').pop()!, outcome);
      await world.standIn.idle();
    }
    expect((await expectLedgerBalanced(paid.id)).purchased).toBe(world.catalog.pack('pack_10m').credits);
    expect((await expectLedgerBalanced(failed.id)).purchased).toBe(0);
    const { rows } = await world.db.query<{ title: string }>(
      `select title from public.notifications where user_id = $1 and kind = 'billing'`,
      [failed.id],
    );
    expect(rows.map((row) => row.title)).toEqual(['Your payment did not go through']);
  });
});

describe('the free plan', () => {
  it('gets its allowance every calendar month, once per month however often the job runs', async () => {
    const user = await signUp(world.db);
    const free = world.catalog.planCredits('free');
    await spend(user.id, 250_000);
    const now = new Date();
    const nextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 2));

    expect(await grantFreeAllowances(world.db, { now, userIds: [user.id] })).toEqual({ granted: 0 });
    await Promise.all([
      grantFreeAllowances(world.db, { now: nextMonth, userIds: [user.id] }),
      grantFreeAllowances(world.db, { now: nextMonth, userIds: [user.id] }),
    ]);
    await grantFreeAllowances(world.db, { now: nextMonth, userIds: [user.id] });
    const state = await expectLedgerBalanced(user.id);
    expect(state.allowance).toBe(free);
    expect(grants(state)).toHaveLength(2);
    expect(state.ledger.find((row) => row.kind === 'allowance_expiry')?.amount).toBe(-(free - 250_000));
  });
});
