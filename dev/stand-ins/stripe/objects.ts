/**
 * The Stripe objects the stand-in keeps, with the field names and shapes of Stripe's API
 * (version 2026-10-28: subscription periods live on the items, an invoice names its subscription
 * under `parent.subscription_details`). Only the fields this app and stripe-node read are kept;
 * each object carries `object`, `created` and `livemode` like the real ones.
 */
export type Metadata = Record<string, string>;

export interface StripeList<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

export interface Customer {
  id: string;
  object: 'customer';
  created: number;
  email: string | null;
  name: string | null;
  metadata: Metadata;
  livemode: false;
  deleted?: true;
}

export interface Price {
  id: string;
  object: 'price';
  active: boolean;
  created: number;
  currency: string;
  unit_amount: number;
  type: 'one_time' | 'recurring';
  recurring: { interval: 'month' | 'year'; interval_count: 1; usage_type: 'licensed' } | null;
  product: string;
  nickname: string | null;
  lookup_key: string | null;
  metadata: Metadata;
  livemode: false;
}

export interface CheckoutSession {
  id: string;
  object: 'checkout.session';
  created: number;
  expires_at: number;
  mode: 'payment' | 'subscription';
  status: 'open' | 'complete' | 'expired';
  payment_status: 'unpaid' | 'paid' | 'no_payment_required';
  customer: string | null;
  customer_email: string | null;
  client_reference_id: string | null;
  currency: string;
  amount_subtotal: number;
  amount_total: number;
  metadata: Metadata;
  success_url: string;
  cancel_url: string | null;
  url: string | null;
  subscription: string | null;
  payment_intent: string | null;
  invoice: string | null;
  /** Not part of Stripe's session object (line items are a separate list); kept for completion. */
  line_items_price: string;
  subscription_metadata: Metadata;
  payment_intent_metadata: Metadata;
  livemode: false;
}

export interface PortalSession {
  id: string;
  object: 'billing_portal.session';
  created: number;
  customer: string;
  return_url: string | null;
  url: string;
  livemode: false;
}

export interface SubscriptionItem {
  id: string;
  object: 'subscription_item';
  created: number;
  current_period_start: number;
  current_period_end: number;
  metadata: Metadata;
  price: Price;
  quantity: number;
  subscription: string;
}

export type SubscriptionStatus = 'active' | 'past_due' | 'canceled' | 'unpaid' | 'incomplete' | 'trialing';

export interface Subscription {
  id: string;
  object: 'subscription';
  created: number;
  customer: string;
  status: SubscriptionStatus;
  start_date: number;
  billing_cycle_anchor: number;
  cancel_at: number | null;
  cancel_at_period_end: boolean;
  canceled_at: number | null;
  ended_at: number | null;
  currency: string;
  items: StripeList<SubscriptionItem>;
  latest_invoice: string | null;
  metadata: Metadata;
  collection_method: 'charge_automatically';
  livemode: false;
}

export interface InvoiceLineItem {
  id: string;
  object: 'line_item';
  amount: number;
  currency: string;
  description: string;
  invoice: string;
  period: { start: number; end: number };
  pricing: {
    type: 'price_details';
    price_details: { price: string; product: string };
    unit_amount_decimal: string;
  };
  parent: {
    type: 'subscription_item_details';
    subscription_item_details: { subscription: string; subscription_item: string; proration: boolean };
  };
  quantity: number;
}

export interface Invoice {
  id: string;
  object: 'invoice';
  created: number;
  customer: string;
  status: 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';
  billing_reason: 'subscription_create' | 'subscription_cycle' | 'subscription_update';
  currency: string;
  amount_due: number;
  amount_paid: number;
  amount_remaining: number;
  total: number;
  subtotal: number;
  attempt_count: number;
  attempted: boolean;
  next_payment_attempt: number | null;
  period_start: number;
  period_end: number;
  lines: StripeList<InvoiceLineItem>;
  parent: {
    type: 'subscription_details';
    subscription_details: { subscription: string; metadata: Metadata };
    quote_details: null;
  };
  status_transitions: { finalized_at: number | null; paid_at: number | null };
  metadata: Metadata;
  livemode: false;
}

/** How an invoice was paid (Stripe's API since 2025-03-31: invoices no longer name a charge). */
export interface InvoicePayment {
  id: string;
  object: 'invoice_payment';
  created: number;
  invoice: string;
  status: 'paid' | 'open' | 'canceled';
  is_default: boolean;
  amount_paid: number;
  amount_requested: number;
  currency: string;
  payment: { type: 'payment_intent'; payment_intent: string };
  livemode: false;
}

export interface PaymentIntent {
  id: string;
  object: 'payment_intent';
  created: number;
  amount: number;
  amount_received: number;
  currency: string;
  customer: string;
  status: 'succeeded' | 'requires_payment_method';
  latest_charge: string | null;
  metadata: Metadata;
  livemode: false;
}

export interface Charge {
  id: string;
  object: 'charge';
  created: number;
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  captured: boolean;
  currency: string;
  customer: string;
  paid: boolean;
  refunded: boolean;
  disputed: boolean;
  status: 'succeeded' | 'failed';
  payment_intent: string;
  metadata: Metadata;
  livemode: false;
}

export interface Refund {
  id: string;
  object: 'refund';
  created: number;
  amount: number;
  charge: string;
  currency: string;
  payment_intent: string;
  reason: string | null;
  status: 'succeeded';
  metadata: Metadata;
}

export interface Dispute {
  id: string;
  object: 'dispute';
  created: number;
  amount: number;
  charge: string;
  currency: string;
  payment_intent: string;
  reason: string;
  status: 'needs_response' | 'won' | 'lost' | 'warning_closed';
  metadata: Metadata;
  livemode: false;
}

export type StripeObject =
  | Customer
  | Price
  | CheckoutSession
  | PortalSession
  | Subscription
  | Invoice
  | PaymentIntent
  | Charge
  | Refund
  | Dispute;

export interface StripeEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  type: string;
  data: { object: StripeObject; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
}

export const list = <T>(data: T[], url: string): StripeList<T> => ({
  object: 'list',
  data,
  has_more: false,
  url,
});

/** What a checkout session shows publicly: the internal helper fields are dropped. */
export function publicSession(
  session: CheckoutSession,
): Omit<CheckoutSession, 'line_items_price' | 'subscription_metadata' | 'payment_intent_metadata'> {
  const { line_items_price: _p, subscription_metadata: _s, payment_intent_metadata: _m, ...rest } = session;
  return rest;
}
