/**
 * Finding whose money an event is about, and serialising the webhook's work per user: each
 * event handler locks the user's profile row first, so two events for one user (a renewal and a
 * plan change delivered together) apply one after the other and each re-reads Stripe's state
 * after the other committed.
 */
import type { Queryable } from '../../db';
import { userForCustomer } from '../customers';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The stored customer mapping wins; the user id we put in metadata is the fallback (an event
 * that arrives before the mapping was written), and then the mapping is recorded.
 */
export async function resolveUser(
  db: Queryable,
  customerId: string | undefined,
  metadataUserId: string | null | undefined,
): Promise<string | undefined> {
  if (customerId) {
    const mapped = await userForCustomer(db, customerId);
    if (mapped) return mapped;
  }
  if (!metadataUserId || !uuid.test(metadataUserId)) return undefined;
  const { rows } = await db.query('select 1 from public.profiles where id = $1', [metadataUserId]);
  if (rows.length === 0) return undefined;
  if (customerId) {
    await db.query(
      'insert into public.stripe_customers (user_id, customer_id) values ($1, $2) on conflict do nothing',
      [metadataUserId, customerId],
    );
  }
  return metadataUserId;
}

export async function lockUser(db: Queryable, userId: string): Promise<void> {
  await db.query('select 1 from public.profiles where id = $1 for update', [userId]);
}
