/**
 * Brings our mirror of a subscription, and the user's plan, in line with Stripe. The subscription
 * is re-read from Stripe after the user's lock is taken, never taken from the event payload: an
 * event may be old or arrive out of order, but what Stripe says now is the truth, so processing
 * any mix of events in any order converges to the same state.
 */
import type Stripe from 'stripe';
import type { Queryable } from '../../db';
import { planForPrice, type PlanPrice } from '../catalog';
import { liveSubscriptionStatuses } from '../live-subscription';
import type { EventContext } from './event-context';
import { idOf } from './event-context';
import { cancelDuplicate, cancelNewerDuplicates, duplicatedSubscription } from './duplicate-subscription';
import { lockUser, resolveUser } from './users';

export interface SyncedSubscription {
  userId: string;
  subscription: Stripe.Subscription;
  item: Stripe.SubscriptionItem;
  plan: PlanPrice;
}

const toDate = (seconds: number | null | undefined) => (seconds ? new Date(seconds * 1000) : null);

export async function syncSubscription(
  ctx: EventContext,
  ref: { subscriptionId: string; customerId: string | undefined; metadataUserId: string | null | undefined },
): Promise<SyncedSubscription | undefined> {
  const userId = await resolveUser(ctx.client, ref.customerId, ref.metadataUserId);
  if (!userId) {
    ctx.log.warn('stripe subscription for an unknown customer', {
      subscription: ref.subscriptionId,
      customer: ref.customerId,
    });
    return undefined;
  }
  await lockUser(ctx.client, userId);

  let subscription: Stripe.Subscription = await ctx.stripe.subscriptions.retrieve(ref.subscriptionId);
  const original = await duplicatedSubscription(ctx, userId, subscription);
  if (original && subscription.status !== 'canceled') {
    subscription = await cancelDuplicate(ctx, userId, subscription, original);
  }
  const item = subscription.items.data[0];
  if (!item) throw new Error(`subscription ${subscription.id} has no items`);
  const plan = await planForPrice(ctx.client, item.price.id);
  // A price we do not know is a catalog misconfiguration: fail, so the event is retried and,
  // if it keeps failing, lands in the dead-letter queue for a person to look at.
  if (!plan)
    throw new Error(
      `subscription ${subscription.id} uses price ${item.price.id}, which is not in plan_prices`,
    );

  await ctx.client.query(
    `insert into public.subscriptions (
       user_id, stripe_subscription_id, stripe_customer_id, stripe_price_id, plan_id, interval, status,
       current_period_start, current_period_end, cancel_at_period_end, canceled_at, ended_at,
       stripe_created_at, stripe_event_created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     on conflict (stripe_subscription_id) do update set
       stripe_price_id = excluded.stripe_price_id,
       plan_id = excluded.plan_id,
       interval = excluded.interval,
       status = excluded.status,
       current_period_start = excluded.current_period_start,
       current_period_end = excluded.current_period_end,
       cancel_at_period_end = excluded.cancel_at_period_end,
       canceled_at = excluded.canceled_at,
       ended_at = excluded.ended_at,
       stripe_event_created_at = greatest(public.subscriptions.stripe_event_created_at, excluded.stripe_event_created_at)`,
    [
      userId,
      subscription.id,
      idOf(subscription.customer),
      item.price.id,
      plan.planId,
      plan.interval,
      subscription.status,
      toDate(item.current_period_start),
      toDate(item.current_period_end),
      subscription.cancel_at_period_end,
      toDate(subscription.canceled_at),
      toDate(subscription.ended_at),
      toDate(subscription.created),
      toDate(ctx.event.created),
    ],
  );
  await cancelNewerDuplicates(ctx, userId, subscription);
  await refreshProfilePlan(ctx.client, userId);
  // A duplicate is mirrored (support sees it) but never grants or changes anything.
  if (original) return undefined;
  return { userId, subscription, item, plan };
}

/**
 * The profile's plan follows the user's newest live subscription (active, trialing, or past due
 * while Stripe retries the payment); without one the user is on the free plan.
 */
export async function refreshProfilePlan(db: Queryable, userId: string): Promise<void> {
  await db.query(
    `update public.profiles p
        set plan = coalesce(live.plan_id, 'free'),
            plan_status = coalesce(live.status, 'active')
       from (select 1) as one
       left join lateral (
         select s.plan_id, s.status from public.subscriptions s
          where s.user_id = $1 and s.status = any($2::text[])
          order by s.stripe_created_at desc
          limit 1
       ) live on true
      where p.id = $1`,
    [userId, liveSubscriptionStatuses],
  );
}
