/**
 * Two checkout tabs opened before the first subscription was active each create a subscription
 * (Checkout cannot know about the other tab). The one created later is a duplicate: it is marked
 * (`metadata.duplicate_of`), cancelled at once and its payment refunded, and it never sets the plan
 * or grants an allowance — whichever of its events arrives first, since every event re-reads the
 * subscription and the mark lives at Stripe. The user is told in a notification.
 *
 * The Stripe calls carry idempotency keys, so a retried or concurrent delivery repeats them safely.
 */
import type Stripe from 'stripe';
import { liveSubscriptionStatuses } from '../live-subscription';
import { idOf, type EventContext } from './event-context';

// Stripe's `created` has one-second resolution, so two tabs paid within a second tie: then the one
// we mirrored first is the original (a subscription not mirrored yet sorts last).
const mirroredAt = `coalesce((select created_at from public.subscriptions where stripe_subscription_id = $2), 'infinity')`;

const isLive = (status: string) => (liveSubscriptionStatuses as readonly string[]).includes(status);

/** The older live subscription `subscription` duplicates, if any (call with the user's lock held). */
export async function duplicatedSubscription(
  ctx: EventContext,
  userId: string,
  subscription: Stripe.Subscription,
): Promise<string | undefined> {
  if (subscription.metadata?.duplicate_of) return subscription.metadata.duplicate_of;
  if (!isLive(subscription.status)) return undefined;
  const { rows } = await ctx.client.query<{ id: string }>(
    `select stripe_subscription_id as id from public.subscriptions
      where user_id = $1 and stripe_subscription_id <> $2 and status = any($3::text[])
        and (stripe_created_at, created_at) < (to_timestamp($4), ${mirroredAt})
      order by stripe_created_at, created_at limit 1`,
    [userId, subscription.id, liveSubscriptionStatuses, subscription.created],
  );
  return rows[0]?.id;
}

/**
 * The other direction, for events that arrive out of order: live subscriptions of the user created
 * after `subscription` (already mirrored) are its duplicates. Cancels them and updates their mirror.
 */
export async function cancelNewerDuplicates(
  ctx: EventContext,
  userId: string,
  subscription: Stripe.Subscription,
): Promise<void> {
  if (!isLive(subscription.status) || subscription.metadata?.duplicate_of) return;
  const { rows } = await ctx.client.query<{ id: string }>(
    `select stripe_subscription_id as id from public.subscriptions
      where user_id = $1 and stripe_subscription_id <> $2 and status = any($3::text[])
        and (stripe_created_at, created_at) > (to_timestamp($4), ${mirroredAt})`,
    [userId, subscription.id, liveSubscriptionStatuses, subscription.created],
  );
  for (const { id } of rows) {
    const newer = await ctx.stripe.subscriptions.retrieve(id);
    const canceled = await cancelDuplicate(ctx, userId, newer, subscription.id);
    await ctx.client.query(
      `update public.subscriptions set status = $2, canceled_at = to_timestamp($3), ended_at = to_timestamp($4)
        where stripe_subscription_id = $1`,
      [id, canceled.status, canceled.canceled_at, canceled.ended_at],
    );
  }
}

/** Marks, cancels and refunds the duplicate; answers it as Stripe has it afterwards. */
export async function cancelDuplicate(
  ctx: EventContext,
  userId: string,
  subscription: Stripe.Subscription,
  originalId: string,
): Promise<Stripe.Subscription> {
  const key = `duplicate:${subscription.id}`;
  if (!subscription.metadata?.duplicate_of) {
    await ctx.stripe.subscriptions.update(
      subscription.id,
      { metadata: { duplicate_of: originalId } },
      { idempotencyKey: `${key}:mark` },
    );
  }
  const invoiceId = idOf(subscription.latest_invoice);
  if (invoiceId) {
    const payments = await ctx.stripe.invoicePayments.list({ invoice: invoiceId, status: 'paid' });
    for (const payment of payments.data) {
      const intent = idOf(payment.payment.payment_intent);
      if (intent) {
        await ctx.stripe.refunds.create(
          { payment_intent: intent },
          { idempotencyKey: `${key}:refund:${intent}` },
        );
      }
    }
  }
  const canceled =
    subscription.status === 'canceled'
      ? subscription
      : await ctx.stripe.subscriptions.cancel(subscription.id, {}, { idempotencyKey: `${key}:cancel` });
  await ctx.client.query(
    `insert into public.notifications (user_id, kind, title, body, link) values ($1, 'billing', $2, $3, '/billing')`,
    [
      userId,
      'You were already subscribed',
      'A second subscription was started from another tab. We cancelled it and refunded its payment; your plan is unchanged.',
    ],
  );
  ctx.log.warn('duplicate subscription cancelled and refunded', {
    userId,
    subscription: subscription.id,
    original: originalId,
  });
  return canceled;
}
