/**
 * checkout.session.completed: in payment mode a token pack was bought; in subscription mode a
 * plan was subscribed to (the subscription itself is re-read from Stripe).
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
  const packId = session.metadata?.pack_id;
  const paymentIntent = idOf(session.payment_intent);
  const userId = await resolveUser(ctx.client, idOf(session.customer), metadataUserId);
  if (!packId || !paymentIntent || !userId) {
    ctx.log.warn('checkout session without a pack, payment or known user', { session: session.id });
    return 'ignored';
  }
  await lockUser(ctx.client, userId);
  // The pack as it is now; a retired pack still honours a paid checkout.
  const pack = await findTokenPack(ctx.client, packId, { activeOnly: false });
  await ctx.client.query('select billing.add_purchased_credits($1, $2, $3, $4)', [
    userId,
    pack.credits,
    `purchase:${session.id}`,
    {
      pack_id: pack.id,
      stripe_checkout_session: session.id,
      payment_intent: paymentIntent,
      amount_total: session.amount_total,
      currency: session.currency,
      stripe_event: ctx.event.id,
    },
  ]);
  // A refund that was processed before this purchase found nothing to claw back: settle it now.
  await reconcileRefunds(ctx, userId, paymentIntent);
  return 'processed';
}
