/** Routes a verified Stripe event to its handler; other event types are recorded as ignored. */
import { onCheckoutCompleted, onCheckoutPaymentFailed } from './checkout-events';
import { onDisputeClosed, onDisputeCreated } from './dispute-events';
import type { EventContext, EventOutcome } from './event-context';
import { onInvoicePaid, onInvoicePaymentFailed } from './invoice-events';
import { onChargeRefunded } from './refund-events';
import { onSubscriptionChanged } from './subscription-events';

export async function applyStripeEvent(ctx: EventContext): Promise<EventOutcome> {
  const { event } = ctx;
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      return onCheckoutCompleted(ctx, event.data.object);
    case 'checkout.session.async_payment_failed':
      return onCheckoutPaymentFailed(ctx, event.data.object);
    case 'invoice.paid':
    case 'invoice.payment_succeeded':
      return onInvoicePaid(ctx, event.data.object);
    case 'invoice.payment_failed':
      return onInvoicePaymentFailed(ctx, event.data.object);
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted':
      return onSubscriptionChanged(ctx, event.data.object);
    case 'charge.refunded':
      return onChargeRefunded(ctx, event.data.object);
    case 'charge.dispute.created':
      return onDisputeCreated(ctx, event.data.object);
    case 'charge.dispute.closed':
      return onDisputeClosed(ctx, event.data.object);
    default:
      return 'ignored';
  }
}
