/**
 * Ends every subscription of a user who deletes their account, immediately, through Stripe's API
 * (not at period end: a deleted user must not be billed again). Stripe is asked, not our mirror,
 * so a subscription whose webhook has not arrived yet is cancelled too. Idempotent: a retry finds
 * them already cancelled and does nothing; the cancel itself carries an idempotency key.
 * The customer-deletion webhook that follows is a no-op for a deleted user (resolveUser finds no
 * profile), see tests/integration/account/delete-account.test.ts.
 */
import type Stripe from 'stripe';
import type { Queryable } from '../db';
import { findStripeCustomer } from '../billing/customers';

/** Statuses after which Stripe never bills again. */
const ended = new Set<Stripe.Subscription.Status>(['canceled', 'incomplete_expired']);

export async function cancelAllSubscriptions(
  db: Queryable,
  stripe: () => Stripe,
  userId: string,
): Promise<string[]> {
  const customer = await findStripeCustomer(db, userId);
  if (!customer) return [];
  const client = stripe();
  const cancelled: string[] = [];
  for await (const subscription of client.subscriptions.list({ customer, status: 'all', limit: 100 })) {
    if (ended.has(subscription.status)) continue;
    await client.subscriptions.cancel(
      subscription.id,
      { invoice_now: false, prorate: false },
      { idempotencyKey: `account-deletion-cancel:${subscription.id}` },
    );
    cancelled.push(subscription.id);
  }
  return cancelled;
}
