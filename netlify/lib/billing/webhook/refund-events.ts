/**
 * charge.refunded takes back a token pack's credits in proportion to the amount refunded
 * (cumulative: Stripe's `amount_refunded` is the total so far, so partial refunds, duplicates and
 * reordering all converge). Credits already spent cannot be taken: billing.claw_back_purchased
 * takes what is left and records the shortfall. A refunded subscription payment takes back, in
 * the same proportion, the allowance that payment granted (while its period is current); whether
 * the plan ends is the subscription events' business.
 */
import type Stripe from 'stripe';
import { idOf, type EventContext, type EventOutcome } from './event-context';
import { lockUser } from './users';

interface PackPurchase {
  user_id: string;
  credits: number;
  pack_id: string | null;
}

async function findPackPurchase(ctx: EventContext, paymentIntent: string): Promise<PackPurchase | undefined> {
  const { rows } = await ctx.client.query<PackPurchase>(
    `select user_id, amount::float8 as credits, source ->> 'pack_id' as pack_id
       from public.credit_ledger
      where kind = 'purchase' and source ->> 'payment_intent' = $1 and user_id is not null`,
    [paymentIntent],
  );
  return rows[0];
}

export async function onChargeRefunded(ctx: EventContext, charge: Stripe.Charge): Promise<EventOutcome> {
  const paymentIntent = idOf(charge.payment_intent);
  if (!paymentIntent) return 'ignored';
  const purchase = await findPackPurchase(ctx, paymentIntent);
  if (!purchase) return clawBackSubscriptionPayment(ctx, paymentIntent, charge.id);
  await lockUser(ctx.client, purchase.user_id);
  // Re-read: a later refund may have happened since this event was sent.
  const current = await ctx.stripe.charges.retrieve(charge.id);
  await clawBack(ctx, purchase, paymentIntent, current);
  return 'processed';
}

interface InvoiceGrant {
  user_id: string;
  credits: number;
  period_start: Date;
  key: string;
}

/** The allowance granted by the invoice `paymentIntent` paid, if it paid a subscription invoice. */
async function clawBackSubscriptionPayment(
  ctx: EventContext,
  paymentIntent: string,
  chargeId: string,
): Promise<EventOutcome> {
  const payments = await ctx.stripe.invoicePayments.list({
    payment: { type: 'payment_intent', payment_intent: paymentIntent },
  });
  const invoiceId = payments.data.map((payment) => idOf(payment.invoice)).find(Boolean);
  if (!invoiceId) return 'ignored';
  const { rows } = await ctx.client.query<InvoiceGrant>(
    `select user_id, amount::float8 as credits, (source ->> 'period_start')::timestamptz as period_start,
            idempotency_key as key
       from public.credit_ledger
      where kind = 'allowance_grant' and source ->> 'stripe_invoice' = $1 and user_id is not null`,
    [invoiceId],
  );
  const grant = rows[0];
  if (!grant) return 'ignored';
  await lockUser(ctx.client, grant.user_id);
  const charge = await ctx.stripe.charges.retrieve(chargeId);
  if (charge.amount <= 0 || charge.amount_refunded <= 0) return 'processed';
  const target = Math.floor(
    (grant.credits * Math.min(charge.amount_refunded, charge.amount)) / charge.amount,
  );
  const { rows: earlier } = await ctx.client.query<{ requested: number }>(
    `select coalesce(sum((source ->> 'requested')::bigint), 0)::float8 as requested
       from public.credit_ledger
      where user_id = $1 and kind = 'clawback' and bucket = 'allowance' and source ->> 'stripe_invoice' = $2`,
    [grant.user_id, invoiceId],
  );
  const due = target - (earlier[0]?.requested ?? 0);
  if (due <= 0) return 'processed';
  await ctx.client.query('select billing.claw_back_allowance($1, $2, $3, $4, $5)', [
    grant.user_id,
    due,
    grant.period_start,
    `clawback:${charge.id}:${charge.amount_refunded}`,
    {
      stripe_invoice: invoiceId,
      stripe_charge: charge.id,
      payment_intent: paymentIntent,
      allowance_grant: grant.key,
      amount_refunded: charge.amount_refunded,
      charge_amount: charge.amount,
      stripe_event: ctx.event.id,
    },
  ]);
  return 'processed';
}

/**
 * Claws back the pack bought with `paymentIntent` as far as `charge.amount_refunded` says (a lost
 * dispute passes the disputed amount added to it); nothing when the payment bought no pack.
 */
export async function clawBackPack(
  ctx: EventContext,
  paymentIntent: string,
  charge: Stripe.Charge,
): Promise<void> {
  const purchase = await findPackPurchase(ctx, paymentIntent);
  if (purchase) await clawBack(ctx, purchase, paymentIntent, charge);
}

/** After a purchase is credited: claw back whatever was refunded before it was processed. */
export async function reconcileRefunds(
  ctx: EventContext,
  userId: string,
  paymentIntent: string,
): Promise<void> {
  const intent = await ctx.stripe.paymentIntents.retrieve(paymentIntent);
  const chargeId = idOf(intent.latest_charge);
  if (!chargeId) return;
  const charge = await ctx.stripe.charges.retrieve(chargeId);
  if (charge.amount_refunded === 0) return;
  const purchase = await findPackPurchase(ctx, paymentIntent);
  if (purchase && purchase.user_id === userId) await clawBack(ctx, purchase, paymentIntent, charge);
}

async function clawBack(
  ctx: EventContext,
  purchase: PackPurchase,
  paymentIntent: string,
  charge: Stripe.Charge,
): Promise<void> {
  if (charge.amount <= 0 || charge.amount_refunded <= 0) return;
  const target = Math.floor(
    (purchase.credits * Math.min(charge.amount_refunded, charge.amount)) / charge.amount,
  );
  // What earlier claw-backs for this payment asked for (taken or short), so each credit is
  // claimed once however many refund events there are.
  const { rows } = await ctx.client.query<{ requested: number }>(
    `select coalesce(sum((source ->> 'requested')::bigint), 0)::float8 as requested
       from public.credit_ledger
      where user_id = $1 and kind = 'clawback' and source ->> 'payment_intent' = $2`,
    [purchase.user_id, paymentIntent],
  );
  const due = target - (rows[0]?.requested ?? 0);
  if (due <= 0) return;
  await ctx.client.query('select billing.claw_back_purchased($1, $2, $3, $4)', [
    purchase.user_id,
    due,
    `clawback:${charge.id}:${charge.amount_refunded}`,
    {
      payment_intent: paymentIntent,
      stripe_charge: charge.id,
      pack_id: purchase.pack_id,
      amount_refunded: charge.amount_refunded,
      charge_amount: charge.amount,
      stripe_event: ctx.event.id,
    },
  ]);
}
