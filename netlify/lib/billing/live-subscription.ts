/** Subscription statuses under which a user keeps the plan they pay for. */
import type pg from 'pg';
import { asUser, type DbCaller } from '../db-as-user';

export const liveSubscriptionStatuses = ['active', 'trialing', 'past_due'] as const;

/**
 * Whether the caller already pays for a plan, read as the caller (`asUser`): the policy "Users can
 * read their own subscriptions" decides which rows exist for the statement (ADR 0089). The filter
 * is `auth.uid()`, not a user id from TypeScript, and it is still needed: an admin also passes
 * "Admins can read every subscription", and another user's subscription is no reason to refuse
 * this one's checkout.
 */
export async function hasLiveSubscription(db: pg.Pool, caller: DbCaller): Promise<boolean> {
  return asUser(db, caller, async (client) => {
    const { rows } = await client.query(
      'select 1 from public.subscriptions where user_id = (select auth.uid()) and status = any($1::text[]) limit 1',
      [liveSubscriptionStatuses],
    );
    return rows.length > 0;
  });
}
