/** Subscription statuses under which a user keeps the plan they pay for. */
import type { Queryable } from '../db';

export const liveSubscriptionStatuses = ['active', 'trialing', 'past_due'] as const;

export async function hasLiveSubscription(db: Queryable, userId: string): Promise<boolean> {
  const { rows } = await db.query(
    'select 1 from public.subscriptions where user_id = $1 and status = any($2::text[]) limit 1',
    [userId, liveSubscriptionStatuses],
  );
  return rows.length > 0;
}
