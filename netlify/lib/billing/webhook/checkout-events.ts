/**
 * checkout.session.completed (and .async_payment_succeeded, when a delayed payment method's money
 * arrives): in payment mode a token pack was bought; in subscription mode a plan was subscribed to
 * (the subscription itself is re-read from Stripe). A pack is credited from the session as Stripe
 * has it now, not from the event's copy, and only when the amount paid is the pack's price.
 * .async_payment_failed tells the user the payment did not go through.
 */
import type Stripe from 'stripe';
import { findTokenPack } from '../catalog';
import { reconcileRefunds } from './refund-events';
import { idOf, type EventContext, type EventOutcome } from './event-context';
import { grantCurrentMonth } from './subscription-events';
import { syncSubscription } from './subscription-sync';
import { lockUser, resolveUser } from './users';

export async function onCheckoutCompleted(
  ctx: EventContext,
  session: Stripe.Checkout.Session,
): Promise<EventOutcome> {
  // Delayed payment methods complete the session unpaid; their money arrives (or not) later.
  if (session.payment_status === 'unpaid') return 'ignored';
  const metadataUserId = session.client_reference_id ?? session.metadata?.user_id;

  if (session.mode === 'subscription') {
    const subscriptionId = idOf(session.subscription);
    if (!subscriptionId) return 'ignored';
    const synced = await syncSubscription(ctx, {
      subscriptionId,
      customerId: idOf(session.customer),
      metadataUserId,
    });
    if (!synced) return 'ignored';
    await grantCurrentMonth(ctx, synced);
    return 'processed';
  }

  if (session.mode !== 'payment') return 'ignored';
  // The event is a copy (possibly an old one, replayed); Stripe's session is the truth.
  const current = await ctx.stripe.checkout.sessions.retrieve(session.id);
  if (current.payment_status !== 'paid') return 'ignored';
  const packId = current.metadata?.pack_id;
  const paymentIntent = idOf(current.payment_intent);
  const userId = await resolveUser(
    ctx.client,
    idOf(current.customer),
    current.client_reference_id ?? current.metadata?.user_id,
  );
  if (!packId || !paymentIntent || !userId) {
    ctx.log.warn('checkout session without a pack, payment or known user', { session: session.id });
    return 'ignored';
  }
  await lockUser(ctx.client, userId);
  // The pack as it is now; a retired pack still honours a paid checkout.
  const pack = await findTokenPack(ctx.client, packId, { activeOnly: false });
  const price = await ctx.stripe.prices.retrieve(pack.stripePriceId);
  if (current.amount_total !== price.unit_amount || current.currency !== price.currency) {
    // Never credit more than was paid (a discount, a price edited in the dashboard): staff decide.
    ctx.log.error('token pack checkout paid a different amount than the pack costs: not credited', {
      session: session.id,
      userId,
      packId,
      paid: `${current.amount_total} ${current.currency}`,
      price: `${price.unit_amount} ${price.currency}`,
    });
    return 'ignored';
  }
  await ctx.client.query('select billing.add_purchased_credits($1, $2, $3, $4)', [
    userId,
    pack.credits,
    `purchase:${session.id}`,
    {
      pack_id: pack.id,
      stripe_checkout_session: session.id,
      payment_intent: paymentIntent,
      amount_total: current.amount_total,
      currency: current.currency,
      stripe_event: ctx.event.id,
    },
  ]);
  // A refund that was processed before this purchase found nothing to claw back: settle it now.
  await reconcileRefunds(ctx, userId, paymentIntent);
  return 'processed';
}

/** checkout.session.async_payment_failed: the delayed payment (bank debit) was declined. */
export async function onCheckoutPaymentFailed(
  ctx: EventContext,
  session: Stripe.Checkout.Session,
): Promise<EventOutcome> {
  const userId = await resolveUser(
    ctx.client,
    idOf(session.customer),
    session.client_reference_id ?? session.metadata?.user_id,
  );
  if (!userId) return 'ignored';
  ctx.log.info('delayed checkout payment failed', { userId, session: session.id, mode: session.mode });
  await ctx.client.query(
    `insert into public.notifications (user_id, kind, title, body, link)
     values ($1, 'billing', $2, $3, '/billing')`,
    [
      userId,
      'Your payment did not go through',
      session.mode === 'subscription'
        ? 'Your bank declined the payment for your plan, so it was not activated. Nothing was charged.'
        : 'Your bank declined the payment for your token pack, so no credits were added. Nothing was charged.',
    ],
  );
  return 'processed';
}
