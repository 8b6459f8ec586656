/**
 * A token pack is credited from the Checkout Session as Stripe has it now, and only for the
 * amount the pack costs: the event's copy (old, replayed, or not what was paid) never decides.
 * The stand-in's deliveries are captured here, so a test can alter and re-sign one before the
 * webhook sees it.
 */
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import tokenPackCheckout from '../../../netlify/functions/billing-token-pack-checkout.mjs';
import { closeDbPools } from '../../../netlify/lib/db';
import { jsonRequest, netlifyContext } from '../http/helpers';
import {
  accountState,
  deliverToWebhook,
  pay,
  signUp,
  startBillingWorld,
  webhookSecret,
  type BillingWorld,
  type TestUser,
} from './harness';

const delivered: string[] = [];
let world: BillingWorld;
beforeAll(async () => {
  world = await startBillingWorld({
    deliver: async (payload) => {
      delivered.push(payload);
      return 200;
    },
  });
});
afterAll(async () => {
  await world.stop();
  await closeDbPools();
});

async function checkout(user: TestUser, packId: string): Promise<string> {
  const response = await tokenPackCheckout(
    jsonRequest('/api/billing/token-pack-checkout', { packId }, { token: user.token }),
    netlifyContext(),
  );
  return ((await response.json()) as { url: string }).url;
}

/** The captured checkout.session.completed of `sessionId`, altered by `edit`, signed and delivered. */
async function deliverCompleted(sessionId: string, edit: (event: Stripe.Event) => void = () => {}) {
  const event = delivered
    .map((payload) => JSON.parse(payload) as Stripe.Event)
    .find(
      (candidate) =>
        candidate.type === 'checkout.session.completed' &&
        (candidate.data.object as Stripe.Checkout.Session).id === sessionId,
    );
  if (!event) throw new Error(`no checkout.session.completed for ${sessionId}`);
  edit(event);
  const payload = JSON.stringify(event);
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
  expect(await deliverToWebhook(payload, signature)).toBe(200);
}

describe('token pack credits come from Stripe, not from the event', () => {
  it('credits the pack that was paid for, although the event names a bigger one', async () => {
    const user = await signUp(world.db);
    const url = await checkout(user, 'pack_10m');
    await pay(world.standIn, url);
    const sessionId = url.split('/').pop()!;
    await deliverCompleted(sessionId, (event) => {
      const session = event.data.object as Stripe.Checkout.Session;
      session.metadata = { ...session.metadata, pack_id: 'pack_27m' };
      session.amount_total = world.catalog.pack('pack_27m').cents;
      event.id = `${event.id}_altered`;
    });
    const state = await accountState(world.db, user.id);
    expect(state.purchased).toBe(world.catalog.pack('pack_10m').credits);
  });

  it('credits nothing when the amount paid is not the pack’s price', async () => {
    const user = await signUp(world.db);
    const url = await checkout(user, 'pack_10m');
    const sessionId = url.split('/').pop()!;
    // As if a 100 % coupon had been applied in the dashboard: the session was paid for 0.
    world.standIn.store.checkoutSessions.get(sessionId)!.amount_total = 0;
    await pay(world.standIn, url);
    await deliverCompleted(sessionId);
    const state = await accountState(world.db, user.id);
    expect(state.purchased).toBe(0);
    expect(state.ledger.filter((row) => row.kind === 'purchase')).toEqual([]);
  });
});
