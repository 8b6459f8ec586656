/**
 * charge.dispute.created: until the dispute is settled the purchased credits are frozen (kept on
 * the books, not spendable) and the account is flagged with the reason, for support to see.
 * charge.dispute.closed: won (or closed as a warning) unfreezes them; lost means the money went back
 * to the cardholder, so the disputed pack is clawed back like a refund of the disputed amount, and
 * the rest is unfrozen. Only the dispute that froze the account unfreezes it.
 */
import type Stripe from 'stripe';
import { idOf, type EventContext, type EventOutcome } from './event-context';
import { clawBackPack } from './refund-events';
import { lockUser, resolveUser } from './users';

export async function onDisputeCreated(ctx: EventContext, dispute: Stripe.Dispute): Promise<EventOutcome> {
  const chargeId = idOf(dispute.charge);
  if (!chargeId) return 'ignored';
  const charge = await ctx.stripe.charges.retrieve(chargeId);
  const userId = await resolveUser(ctx.client, idOf(charge.customer), charge.metadata?.user_id);
  if (!userId) return 'ignored';
  await lockUser(ctx.client, userId);
  await ctx.client.query('select billing.set_credits_frozen($1, true, $2)', [
    userId,
    frozenReason(dispute, chargeId),
  ]);
  ctx.log.warn('credits frozen for a dispute', { userId, dispute: dispute.id, charge: chargeId });
  return 'processed';
}

const frozenReason = (dispute: Stripe.Dispute, chargeId: string) =>
  `Stripe dispute ${dispute.id} on charge ${chargeId} (${dispute.reason})`;

export async function onDisputeClosed(ctx: EventContext, event: Stripe.Dispute): Promise<EventOutcome> {
  // Re-read: the outcome is Stripe's current one, not the event's copy.
  const dispute = await ctx.stripe.disputes.retrieve(event.id);
  const chargeId = idOf(dispute.charge);
  if (!chargeId) return 'ignored';
  const charge = await ctx.stripe.charges.retrieve(chargeId);
  const userId = await resolveUser(ctx.client, idOf(charge.customer), charge.metadata?.user_id);
  if (!userId) return 'ignored';
  await lockUser(ctx.client, userId);
  if (dispute.status === 'lost') {
    const paymentIntent = idOf(charge.payment_intent);
    const withdrawn = Math.min(charge.amount, charge.amount_refunded + dispute.amount);
    if (paymentIntent) await clawBackPack(ctx, paymentIntent, { ...charge, amount_refunded: withdrawn });
  } else if (dispute.status !== 'won' && dispute.status !== 'warning_closed') {
    return 'ignored'; // still open (an out-of-order event): the account stays frozen
  }
  const { rowCount } = await ctx.client.query(
    'select 1 from public.credit_accounts where user_id = $1 and frozen and frozen_reason = $2',
    [userId, frozenReason(dispute, chargeId)],
  );
  if (rowCount) await ctx.client.query('select billing.set_credits_frozen($1, false)', [userId]);
  ctx.log.info('dispute closed', { userId, dispute: dispute.id, status: dispute.status });
  return 'processed';
}
