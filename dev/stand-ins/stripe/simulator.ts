/**
 * What Stripe does on its side of a purchase, reduced to what this app observes: paying a hosted
 * Checkout, renewing, failing and recovering subscription payments, portal changes, refunds and
 * disputes. Each action changes the store and emits the events Stripe would send, in Stripe's
 * order, through `emit` (which signs and delivers them).
 */
import type { CatalogPrice } from './catalog';
import type {
  Charge,
  CheckoutSession,
  Dispute,
  Invoice,
  InvoicePayment,
  Metadata,
  PaymentIntent,
  Price,
  Refund,
  StripeObject,
  Subscription,
} from './objects';
import { list } from './objects';
import type { StripeStore } from './store';

export type Emit = (type: string, object: StripeObject, previous?: Record<string, unknown>) => Promise<void>;

export class StandInError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = 'resource_missing',
    readonly param?: string,
  ) {
    super(message);
  }
}

const snapshot = <T>(value: T): T => structuredClone(value);

export function addInterval(timestamp: number, interval: 'month' | 'year'): number {
  const date = new Date(timestamp * 1000);
  date.setUTCMonth(date.getUTCMonth() + (interval === 'year' ? 12 : 1));
  return Math.floor(date.getTime() / 1000);
}

export class StripeSimulator {
  constructor(
    readonly store: StripeStore,
    private readonly emit: Emit,
  ) {}

  loadCatalog(entries: CatalogPrice[], toPrice: (entry: CatalogPrice, created: number) => Price): void {
    for (const entry of entries) this.store.prices.set(entry.id, toPrice(entry, this.store.now()));
  }

  get<
    K extends
      | 'customers'
      | 'prices'
      | 'checkoutSessions'
      | 'subscriptions'
      | 'invoices'
      | 'charges'
      | 'disputes'
      | 'paymentIntents',
  >(collection: K, id: string, what: string): NonNullable<ReturnType<StripeStore[K]['get']>> {
    const found = this.store[collection].get(id) as ReturnType<StripeStore[K]['get']>;
    if (!found) throw new StandInError(404, `No such ${what}: '${id}'`, 'resource_missing', 'id');
    return found as NonNullable<ReturnType<StripeStore[K]['get']>>;
  }

  /**
   * "Pay" with a delayed method (a bank debit) for a pack: the session completes unpaid, and the
   * money arrives (`checkout.session.async_payment_succeeded`) or not (`…_failed`) later.
   */
  async completeCheckoutDelayed(
    sessionId: string,
    outcome: 'succeeded' | 'failed',
  ): Promise<CheckoutSession> {
    const session = this.get('checkoutSessions', sessionId, 'checkout.session');
    if (session.status !== 'open' || session.mode !== 'payment') return session;
    const customer = session.customer ?? this.createCustomer(session.customer_email, {}).id;
    Object.assign(session, { customer, status: 'complete', payment_status: 'unpaid' });
    await this.emit('checkout.session.completed', snapshot(session));
    if (outcome === 'failed') {
      await this.emit('checkout.session.async_payment_failed', snapshot(session));
      return session;
    }
    const price = this.get('prices', session.line_items_price, 'price');
    const { intent } = this.charge(
      customer,
      price.unit_amount,
      price.currency,
      session.payment_intent_metadata,
    );
    Object.assign(session, { payment_status: 'paid', payment_intent: intent.id });
    await this.emit('checkout.session.async_payment_succeeded', snapshot(session));
    return session;
  }

  /** "Pay" on the hosted Checkout page. */
  async completeCheckout(sessionId: string): Promise<CheckoutSession> {
    const session = this.get('checkoutSessions', sessionId, 'checkout.session');
    if (session.status !== 'open') return session;
    const price = this.get('prices', session.line_items_price, 'price');
    const customer = session.customer ?? this.createCustomer(session.customer_email, {}).id;
    session.customer = customer;

    if (session.mode === 'payment') {
      const { intent } = this.charge(
        customer,
        price.unit_amount,
        price.currency,
        session.payment_intent_metadata,
      );
      Object.assign(session, { status: 'complete', payment_status: 'paid', payment_intent: intent.id });
      await this.emit('checkout.session.completed', snapshot(session));
      return session;
    }

    const subscription = this.createSubscription(customer, price, session.subscription_metadata);
    const invoice = this.invoice(subscription, 'subscription_create', true);
    Object.assign(session, {
      status: 'complete',
      payment_status: 'paid',
      subscription: subscription.id,
      invoice: invoice.id,
    });
    // Stripe's order for a new subscription; a webhook consumer must not depend on it.
    await this.emit('customer.subscription.created', snapshot(subscription));
    await this.emit('invoice.paid', snapshot(invoice));
    await this.emit('invoice.payment_succeeded', snapshot(invoice));
    await this.emit('checkout.session.completed', snapshot(session));
    return session;
  }

  createCustomer(email: string | null, metadata: Metadata, name: string | null = null) {
    const customer = {
      id: this.store.id('cus'),
      object: 'customer' as const,
      created: this.store.now(),
      email,
      name,
      metadata,
      livemode: false as const,
    };
    this.store.customers.set(customer.id, customer);
    return customer;
  }

  /** The period ends: a renewal invoice is paid, or a subscription set to cancel ends. */
  async renew(subscriptionId: string): Promise<Subscription> {
    const subscription = this.get('subscriptions', subscriptionId, 'subscription');
    if (subscription.status === 'canceled') return subscription;
    const item = this.item(subscription);
    this.store.advance(Math.max(0, item.current_period_end - this.store.now()));
    if (subscription.cancel_at_period_end) return this.end(subscription);
    const previous = { items: snapshot(subscription.items), status: subscription.status };
    const interval = item.price.recurring?.interval ?? 'month';
    item.current_period_start = item.current_period_end;
    item.current_period_end = addInterval(item.current_period_start, interval);
    const invoice = this.invoice(subscription, 'subscription_cycle', true);
    subscription.status = 'active';
    await this.emit('invoice.paid', snapshot(invoice));
    await this.emit('invoice.payment_succeeded', snapshot(invoice));
    await this.emit('customer.subscription.updated', snapshot(subscription), previous);
    return subscription;
  }

  /** The next renewal's payment fails: Stripe will retry, the subscription is past due. */
  async failPayment(subscriptionId: string): Promise<Invoice> {
    const subscription = this.get('subscriptions', subscriptionId, 'subscription');
    const item = this.item(subscription);
    this.store.advance(Math.max(0, item.current_period_end - this.store.now()));
    const interval = item.price.recurring?.interval ?? 'month';
    const previous = { items: snapshot(subscription.items), status: subscription.status };
    item.current_period_start = item.current_period_end;
    item.current_period_end = addInterval(item.current_period_start, interval);
    const invoice = this.invoice(subscription, 'subscription_cycle', false);
    subscription.status = 'past_due';
    await this.emit('invoice.payment_failed', snapshot(invoice));
    await this.emit('customer.subscription.updated', snapshot(subscription), previous);
    return invoice;
  }

  /** A retry of the open invoice succeeds (the customer updated their card). */
  async recoverPayment(subscriptionId: string): Promise<Invoice> {
    const subscription = this.get('subscriptions', subscriptionId, 'subscription');
    const invoice = subscription.latest_invoice
      ? this.store.invoices.get(subscription.latest_invoice)
      : undefined;
    if (!invoice || invoice.status !== 'open')
      throw new StandInError(400, 'This subscription has no open invoice.', 'invoice_not_open');
    this.charge(subscription.customer, invoice.amount_due, invoice.currency, {});
    Object.assign(invoice, {
      status: 'paid',
      amount_paid: invoice.amount_due,
      amount_remaining: 0,
      attempt_count: invoice.attempt_count + 1,
      next_payment_attempt: null,
      status_transitions: { ...invoice.status_transitions, paid_at: this.store.now() },
    });
    const previous = { status: subscription.status };
    subscription.status = 'active';
    await this.emit('invoice.paid', snapshot(invoice));
    await this.emit('invoice.payment_succeeded', snapshot(invoice));
    await this.emit('customer.subscription.updated', snapshot(subscription), previous);
    return invoice;
  }

  /** Portal or API: switch the plan; Stripe prorates on the next invoice. */
  async switchPrice(subscriptionId: string, priceId: string): Promise<Subscription> {
    const subscription = this.get('subscriptions', subscriptionId, 'subscription');
    const price = this.get('prices', priceId, 'price');
    if (!price.recurring)
      throw new StandInError(400, `The price ${priceId} is not recurring.`, 'parameter_invalid', 'items');
    const previous = { items: snapshot(subscription.items) };
    const item = this.item(subscription);
    if (item.price.id === price.id) return subscription;
    item.price = price;
    if (
      price.recurring.interval !==
      (previous.items.data[0]?.price.recurring?.interval ?? price.recurring.interval)
    ) {
      // Changing interval restarts the billing cycle now, as Stripe does.
      item.current_period_start = this.store.now();
      item.current_period_end = addInterval(item.current_period_start, price.recurring.interval);
    }
    await this.emit('customer.subscription.updated', snapshot(subscription), previous);
    return subscription;
  }

  async setCancelAtPeriodEnd(subscriptionId: string, cancel: boolean): Promise<Subscription> {
    const subscription = this.get('subscriptions', subscriptionId, 'subscription');
    if (subscription.status === 'canceled')
      throw new StandInError(400, 'This subscription is canceled.', 'resource_missing');
    const previous = {
      cancel_at_period_end: subscription.cancel_at_period_end,
      cancel_at: subscription.cancel_at,
    };
    subscription.cancel_at_period_end = cancel;
    subscription.cancel_at = cancel ? this.item(subscription).current_period_end : null;
    subscription.canceled_at = cancel ? this.store.now() : null;
    await this.emit('customer.subscription.updated', snapshot(subscription), previous);
    return subscription;
  }

  /** Cancels at once (DELETE /v1/subscriptions/:id). */
  async cancelNow(subscriptionId: string): Promise<Subscription> {
    const subscription = this.get('subscriptions', subscriptionId, 'subscription');
    if (subscription.status === 'canceled') return subscription;
    return this.end(subscription);
  }

  async refund(chargeId: string, amount?: number): Promise<Refund> {
    const charge = this.get('charges', chargeId, 'charge');
    const refundable = charge.amount - charge.amount_refunded;
    const value = amount ?? refundable;
    if (value <= 0 || value > refundable) {
      throw new StandInError(
        400,
        `Refund amount (${value}) is greater than unrefunded amount on charge (${refundable})`,
        'amount_too_large',
        'amount',
      );
    }
    const refund: Refund = {
      id: this.store.id('re'),
      object: 'refund',
      created: this.store.now(),
      amount: value,
      charge: charge.id,
      currency: charge.currency,
      payment_intent: charge.payment_intent,
      reason: 'requested_by_customer',
      status: 'succeeded',
      metadata: {},
    };
    this.store.refunds.set(refund.id, refund);
    const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
    charge.amount_refunded += value;
    charge.refunded = charge.amount_refunded === charge.amount;
    await this.emit('charge.refunded', snapshot(charge), previous);
    return refund;
  }

  async dispute(chargeId: string): Promise<Dispute> {
    const charge = this.get('charges', chargeId, 'charge');
    const dispute: Dispute = {
      id: this.store.id('du'),
      object: 'dispute',
      created: this.store.now(),
      amount: charge.amount - charge.amount_refunded,
      charge: charge.id,
      currency: charge.currency,
      payment_intent: charge.payment_intent,
      reason: 'fraudulent',
      status: 'needs_response',
      metadata: {},
      livemode: false,
    };
    this.store.disputes.set(dispute.id, dispute);
    charge.disputed = true;
    await this.emit('charge.dispute.created', snapshot(dispute));
    return dispute;
  }

  /** The bank decides a dispute: `charge.dispute.closed` with the outcome. */
  async closeDispute(disputeId: string, status: 'won' | 'lost' | 'warning_closed'): Promise<Dispute> {
    const dispute = this.get('disputes', disputeId, 'dispute');
    dispute.status = status;
    await this.emit('charge.dispute.closed', snapshot(dispute));
    return dispute;
  }

  private async end(subscription: Subscription): Promise<Subscription> {
    const previous = { status: subscription.status };
    const now = this.store.now();
    Object.assign(subscription, {
      status: 'canceled',
      ended_at: now,
      canceled_at: subscription.canceled_at ?? now,
    });
    await this.emit('customer.subscription.deleted', snapshot(subscription), previous);
    return subscription;
  }

  private item(subscription: Subscription) {
    const item = subscription.items.data[0];
    if (!item) throw new StandInError(500, `Subscription ${subscription.id} has no items.`, 'internal');
    return item;
  }

  private createSubscription(customer: string, price: Price, metadata: Metadata): Subscription {
    const now = this.store.now();
    const id = this.store.id('sub');
    const subscription: Subscription = {
      id,
      object: 'subscription',
      created: now,
      customer,
      status: 'active',
      start_date: now,
      billing_cycle_anchor: now,
      cancel_at: null,
      cancel_at_period_end: false,
      canceled_at: null,
      ended_at: null,
      currency: price.currency,
      items: list(
        [
          {
            id: this.store.id('si'),
            object: 'subscription_item',
            created: now,
            current_period_start: now,
            current_period_end: addInterval(now, price.recurring?.interval ?? 'month'),
            metadata: {},
            price,
            quantity: 1,
            subscription: id,
          },
        ],
        `/v1/subscription_items?subscription=${id}`,
      ),
      latest_invoice: null,
      metadata,
      collection_method: 'charge_automatically',
      livemode: false,
    };
    this.store.subscriptions.set(id, subscription);
    return subscription;
  }

  /** An invoice for the subscription's current period, paid (with its charge) or left open. */
  private invoice(subscription: Subscription, reason: Invoice['billing_reason'], paid: boolean): Invoice {
    const now = this.store.now();
    const item = this.item(subscription);
    const id = this.store.id('in');
    const amount = item.price.unit_amount;
    const payment = paid ? this.charge(subscription.customer, amount, item.price.currency, {}).intent : null;
    if (payment) {
      const invoicePayment: InvoicePayment = {
        id: this.store.id('inpay'),
        object: 'invoice_payment',
        created: now,
        invoice: id,
        status: 'paid',
        is_default: true,
        amount_paid: amount,
        amount_requested: amount,
        currency: item.price.currency,
        payment: { type: 'payment_intent', payment_intent: payment.id },
        livemode: false,
      };
      this.store.invoicePayments.set(invoicePayment.id, invoicePayment);
    }
    const invoice: Invoice = {
      id,
      object: 'invoice',
      created: now,
      customer: subscription.customer,
      status: paid ? 'paid' : 'open',
      billing_reason: reason,
      currency: item.price.currency,
      amount_due: amount,
      amount_paid: paid ? amount : 0,
      amount_remaining: paid ? 0 : amount,
      total: amount,
      subtotal: amount,
      attempt_count: 1,
      attempted: true,
      // Stripe's smart retries: the next attempt, which bounds the past-due grace period.
      next_payment_attempt: paid ? null : now + 3 * 86_400,
      period_start: item.current_period_start,
      period_end: item.current_period_start,
      lines: list(
        [
          {
            id: this.store.id('il'),
            object: 'line_item',
            amount,
            currency: item.price.currency,
            description: `1 × ${item.price.nickname ?? item.price.id}`,
            invoice: id,
            period: { start: item.current_period_start, end: item.current_period_end },
            pricing: {
              type: 'price_details',
              price_details: { price: item.price.id, product: item.price.product },
              unit_amount_decimal: String(amount),
            },
            parent: {
              type: 'subscription_item_details',
              subscription_item_details: {
                subscription: subscription.id,
                subscription_item: item.id,
                proration: false,
              },
            },
            quantity: 1,
          },
        ],
        `/v1/invoices/${id}/lines`,
      ),
      parent: {
        type: 'subscription_details',
        subscription_details: { subscription: subscription.id, metadata: { ...subscription.metadata } },
        quote_details: null,
      },
      status_transitions: { finalized_at: now, paid_at: paid ? now : null },
      metadata: {},
      livemode: false,
    };
    this.store.invoices.set(id, invoice);
    subscription.latest_invoice = id;
    return invoice;
  }

  private charge(customer: string, amount: number, currency: string, metadata: Metadata) {
    const now = this.store.now();
    const intent: PaymentIntent = {
      id: this.store.id('pi'),
      object: 'payment_intent',
      created: now,
      amount,
      amount_received: amount,
      currency,
      customer,
      status: 'succeeded',
      latest_charge: null,
      metadata,
      livemode: false,
    };
    const charge: Charge = {
      id: this.store.id('ch'),
      object: 'charge',
      created: now,
      amount,
      amount_captured: amount,
      amount_refunded: 0,
      captured: true,
      currency,
      customer,
      paid: true,
      refunded: false,
      disputed: false,
      status: 'succeeded',
      payment_intent: intent.id,
      metadata,
      livemode: false,
    };
    intent.latest_charge = charge.id;
    this.store.paymentIntents.set(intent.id, intent);
    this.store.charges.set(charge.id, charge);
    return { intent, charge };
  }
}
