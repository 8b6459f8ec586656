/**
 * One Stripe customer per user, created the first time one is needed and remembered in
 * stripe_customers. The create call carries an idempotency key derived from the user id, so two
 * concurrent first checkouts get the same customer from Stripe, and the insert keeps one row.
 */
import type Stripe from 'stripe';
import type { AuthUser } from '../auth/auth-user';
import type { Queryable } from '../db';

export async function findStripeCustomer(db: Queryable, userId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ customer_id: string }>(
    'select customer_id from public.stripe_customers where user_id = $1',
    [userId],
  );
  return rows[0]?.customer_id;
}

export async function ensureStripeCustomer(db: Queryable, stripe: Stripe, user: AuthUser): Promise<string> {
  const existing = await findStripeCustomer(db, user.id);
  if (existing) return existing;
  const customer = await stripe.customers.create(
    { ...(user.email ? { email: user.email } : {}), metadata: { user_id: user.id } },
    { idempotencyKey: `customer-for-user:${user.id}` },
  );
  await db.query(
    'insert into public.stripe_customers (user_id, customer_id) values ($1, $2) on conflict (user_id) do nothing',
    [user.id, customer.id],
  );
  // Whoever inserted first wins; with the idempotency key it is the same customer anyway.
  return (await findStripeCustomer(db, user.id)) ?? customer.id;
}

/** The user a Stripe customer belongs to, if it is one of ours. */
export async function userForCustomer(db: Queryable, customerId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ user_id: string }>(
    'select user_id from public.stripe_customers where customer_id = $1',
    [customerId],
  );
  return rows[0]?.user_id;
}
