/**
 * invoice.paid / invoice.payment_succeeded (the same fact; Stripe sends both) grant the month the
 * invoice pays for; invoice.payment_failed marks the subscription past due, which keeps the plan
 * while Stripe retries (its grace period) and ends it when Stripe gives up.
 */
import type Stripe from 'stripe';
import { enqueueEmail } from '../../email/enqueue-email';
import { planForPrice } from '../catalog';
import { addMonths, grantAllowance } from './allowance';
import { idOf, type EventContext, type EventOutcome } from './event-context';
import { minDate } from './subscription-events';
import { syncSubscription } from './subscription-sync';

const subscriptionOf = (invoice: Stripe.Invoice) => idOf(invoice.parent?.subscription_details?.subscription);

export async function onInvoicePaid(ctx: EventContext, invoice: Stripe.Invoice): Promise<EventOutcome> {
  const subscriptionId = subscriptionOf(invoice);
  if (!subscriptionId) return 'ignored';
  const synced = await syncSubscription(ctx, {
    subscriptionId,
    customerId: idOf(invoice.customer),
    metadataUserId: invoice.parent?.subscription_details?.metadata?.user_id,
  });
  if (!synced) return 'ignored';

  const line =
    invoice.lines.data.find(
      (candidate) =>
        candidate.parent?.subscription_item_details?.subscription === subscriptionId &&
        !candidate.parent.subscription_item_details.proration,
    ) ?? invoice.lines.data[0];
  if (!line) throw new Error(`invoice ${invoice.id} has no lines`);
  // The plan this invoice paid for (after a plan change, the new one), else the current plan.
  const priceId = line.pricing?.price_details?.price;
  const plan = (priceId ? await planForPrice(ctx.client, idOf(priceId) ?? '') : undefined) ?? synced.plan;
  const periodStart = new Date(line.period.start * 1000);
  const periodEnd = new Date(line.period.end * 1000);
  // Yearly invoices pay for twelve months; this grants the first, the yearly job the others.
  await grantAllowance(ctx.client, {
    userId: synced.userId,
    origin: subscriptionId,
    credits: plan.monthlyCredits,
    periodStart,
    periodEnd: minDate(addMonths(periodStart, 1), periodEnd),
    source: {
      stripe_invoice: invoice.id,
      stripe_subscription: subscriptionId,
      plan: plan.planId,
      stripe_event: ctx.event.id,
    },
  });
  return 'processed';
}

export async function onInvoicePaymentFailed(
  ctx: EventContext,
  invoice: Stripe.Invoice,
): Promise<EventOutcome> {
  const subscriptionId = subscriptionOf(invoice);
  if (!subscriptionId) return 'ignored';
  const synced = await syncSubscription(ctx, {
    subscriptionId,
    customerId: idOf(invoice.customer),
    metadataUserId: invoice.parent?.subscription_details?.metadata?.user_id,
  });
  if (!synced) return 'ignored';
  ctx.log.info('subscription payment failed', {
    userId: synced.userId,
    subscription: subscriptionId,
    status: synced.subscription.status,
    nextPaymentAttempt: invoice.next_payment_attempt,
  });
  // In the event's transaction: a failed delivery that rolls back queues no email. One per attempt.
  await enqueueEmail(ctx.client, {
    template: 'payment_failed',
    payload: {
      planName: synced.plan.planId.charAt(0).toUpperCase() + synced.plan.planId.slice(1),
      amountDue: formatAmount(invoice.amount_due, invoice.currency),
      nextAttemptAt: invoice.next_payment_attempt
        ? new Date(invoice.next_payment_attempt * 1000).toISOString().slice(0, 10)
        : null,
    },
    dedupeKey: `payment_failed:${invoice.id}:${invoice.attempt_count}`,
    to: { userId: synced.userId },
  });
  return 'processed';
}

const formatAmount = (cents: number, currency: string) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(cents / 100);
