import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogPrice } from './catalog';
import { startStripeStandIn, type StripeStandIn } from './server';

const secretKey = 'sk_test_standin';
const webhookSecret = 'whsec_standin_test';
const catalog: CatalogPrice[] = [
  { id: 'price_pro_month', name: 'Pro (monthly)', unitAmount: 2900, currency: 'usd', interval: 'month' },
  { id: 'price_pack_10m', name: '10M credits', unitAmount: 1000, currency: 'usd', interval: null },
];

describe('Stripe stand-in', () => {
  let standIn: StripeStandIn;
  let stripe: Stripe;
  const received: Stripe.Event[] = [];

  beforeAll(async () => {
    standIn = await startStripeStandIn({
      port: 0,
      secretKey,
      webhookSecret,
      catalog,
      webhook: async (payload, header) => {
        received.push(stripe.webhooks.constructEvent(payload, header, webhookSecret));
        return 200;
      },
    });
    const url = new URL(standIn.url);
    stripe = new Stripe(secretKey, { host: url.hostname, port: url.port, protocol: 'http' });
  });
  afterAll(() => standIn.stop());

  it('serves stripe-node: customers, subscription checkout, signed events in order', async () => {
    const customer = await stripe.customers.create({ email: 'a@example.com', metadata: { user_id: 'u1' } });
    expect(customer).toMatchObject({
      object: 'customer',
      email: 'a@example.com',
      metadata: { user_id: 'u1' },
    });
    expect(customer.id).toMatch(/^cus_/);

    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: customer.id,
      client_reference_id: 'u1',
      line_items: [{ price: 'price_pro_month', quantity: 1 }],
      success_url: 'http://app/billing?checkout=success&session_id={CHECKOUT_SESSION_ID}',
      cancel_url: 'http://app/billing?checkout=cancel',
      subscription_data: { metadata: { user_id: 'u1' } },
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.url).toBe(`${standIn.url}/checkout/${session.id}`);

    const pay = await fetch(`${standIn.url}/checkout/${session.id}/pay`, {
      method: 'POST',
      redirect: 'manual',
    });
    expect(pay.status).toBe(303);
    expect(pay.headers.get('location')).toBe(`http://app/billing?checkout=success&session_id=${session.id}`);
    await standIn.idle(); // the webhooks follow the redirect
    expect(received.map((event) => event.type)).toEqual([
      'customer.subscription.created',
      'invoice.paid',
      'invoice.payment_succeeded',
      'checkout.session.completed',
    ]);
    const completed = received.at(-1)!.data.object as Stripe.Checkout.Session;
    const subscription = await stripe.subscriptions.retrieve(completed.subscription as string);
    expect(subscription).toMatchObject({ status: 'active', metadata: { user_id: 'u1' } });
    expect(subscription.items.data[0]!.price.id).toBe('price_pro_month');
    expect(subscription.items.data[0]!.current_period_end).toBeGreaterThan(
      subscription.items.data[0]!.current_period_start,
    );
  });

  it('replays a response for a repeated Idempotency-Key and refuses it for other parameters', async () => {
    const first = await stripe.customers.create({ email: 'b@example.com' }, { idempotencyKey: 'key-1' });
    const again = await stripe.customers.create({ email: 'b@example.com' }, { idempotencyKey: 'key-1' });
    expect(again.id).toBe(first.id);
    await expect(
      stripe.customers.create({ email: 'c@example.com' }, { idempotencyKey: 'key-1' }),
    ).rejects.toMatchObject({
      type: 'StripeIdempotencyError',
    });
  });

  it('answers errors in Stripe shape', async () => {
    await expect(stripe.subscriptions.retrieve('sub_missing')).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 404,
      code: 'resource_missing',
    });
    const wrongKey = new Stripe('sk_test_wrong', {
      host: new URL(standIn.url).hostname,
      port: new URL(standIn.url).port,
      protocol: 'http',
    });
    await expect(wrongKey.customers.create({})).rejects.toMatchObject({
      type: 'StripeAuthenticationError',
      statusCode: 401,
    });
    await expect(
      stripe.checkout.sessions.create({
        mode: 'subscription',
        line_items: [{ price: 'price_pack_10m', quantity: 1 }],
        success_url: 'http://app/',
      }),
    ).rejects.toMatchObject({ statusCode: 400, param: 'line_items' });
  });

  it('refunds and disputes a pack payment with the charge and its payment intent', async () => {
    const session = await stripe.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ price: 'price_pack_10m', quantity: 1 }],
      customer_email: 'd@example.com',
      success_url: 'http://app/',
    });
    await standIn.simulator.completeCheckout(session.id);
    const paid = await stripe.checkout.sessions.retrieve(session.id);
    const intent = await stripe.paymentIntents.retrieve(paid.payment_intent as string);
    const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 400 });
    expect(refund).toMatchObject({ object: 'refund', amount: 400, payment_intent: intent.id });
    const refunded = received.at(-1)!;
    expect(refunded.type).toBe('charge.refunded');
    expect(refunded.data.object).toMatchObject({
      object: 'charge',
      amount_refunded: 400,
      refunded: false,
      payment_intent: intent.id,
    });
    await standIn.simulator.dispute(intent.latest_charge as string);
    expect(received.at(-1)!.data.object).toMatchObject({ object: 'dispute', payment_intent: intent.id });
  });
});
