/**
 * customer.subscription.created / updated / deleted, and the subscription side of
 * checkout.session.completed and the invoice events.
 */
import type Stripe from 'stripe';
import { planMonthlyCredits } from '../catalog';
import { addMonths, grantAllowance } from './allowance';
import { idOf, type EventContext, type EventOutcome } from './event-context';
import { syncSubscription, type SyncedSubscription } from './subscription-sync';

export async function onSubscriptionChanged(
  ctx: EventContext,
  subscription: Stripe.Subscription,
): Promise<EventOutcome> {
  const synced = await syncSubscription(ctx, {
    subscriptionId: subscription.id,
    customerId: idOf(subscription.customer),
    metadataUserId: subscription.metadata?.user_id,
  });
  if (!synced) return 'ignored';
  if (synced.subscription.status === 'canceled') await grantFreeAfterEnd(ctx, synced);
  // A plan change only updates the plan here; the next grant uses the new plan's allowance.
  return 'processed';
}

/**
 * The first month of the subscription's current period, when the subscription is paid up: the
 * same grant (same key) as the invoice.paid of that period, so either event suffices.
 */
export async function grantCurrentMonth(ctx: EventContext, synced: SyncedSubscription): Promise<void> {
  if (synced.subscription.status !== 'active' && synced.subscription.status !== 'trialing') return;
  const periodStart = new Date(synced.item.current_period_start * 1000);
  const periodEnd = new Date(synced.item.current_period_end * 1000);
  await grantAllowance(ctx.client, {
    userId: synced.userId,
    origin: synced.subscription.id,
    credits: synced.plan.monthlyCredits,
    periodStart,
    periodEnd: minDate(addMonths(periodStart, 1), periodEnd),
    source: {
      stripe_subscription: synced.subscription.id,
      plan: synced.plan.planId,
      stripe_event: ctx.event.id,
    },
  });
}

/** Back on the free plan: its allowance for the rest of the calendar month. */
async function grantFreeAfterEnd(ctx: EventContext, synced: SyncedSubscription): Promise<void> {
  const { rows } = await ctx.client.query<{ plan: string }>(
    'select plan from public.profiles where id = $1',
    [synced.userId],
  );
  if (rows[0]?.plan !== 'free') return;
  const endedAt = new Date((synced.subscription.ended_at ?? ctx.event.created) * 1000);
  const monthEnd = new Date(Date.UTC(endedAt.getUTCFullYear(), endedAt.getUTCMonth() + 1, 1));
  await grantAllowance(ctx.client, {
    userId: synced.userId,
    origin: `${synced.subscription.id}:free`,
    credits: await planMonthlyCredits(ctx.client, 'free'),
    periodStart: endedAt,
    periodEnd: monthEnd,
    source: {
      stripe_subscription: synced.subscription.id,
      plan: 'free',
      reason: 'subscription_ended',
      stripe_event: ctx.event.id,
    },
  });
}

export const minDate = (a: Date, b: Date) => (a.getTime() <= b.getTime() ? a : b);
