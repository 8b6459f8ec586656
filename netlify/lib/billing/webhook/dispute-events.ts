/**
 * charge.dispute.created: until the dispute is settled the purchased credits are frozen (kept on
 * the books, not spendable) and the account is flagged with the reason, for support to see.
 */
import type Stripe from 'stripe';
import { idOf, type EventContext, type EventOutcome } from './event-context';
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
    `Stripe dispute ${dispute.id} on charge ${chargeId} (${dispute.reason})`,
  ]);
  ctx.log.warn('credits frozen for a dispute', { userId, dispute: dispute.id, charge: chargeId });
  return 'processed';
}
