/**
 * One Stripe customer per user, created the first time one is needed and remembered in
 * stripe_customers. The create call carries an idempotency key derived from the user id, so two
 * concurrent first checkouts get the same customer from Stripe, and the insert keeps one row.
 *
 * The caller's own customer is read as the caller (`asUser`): the policy "Users can read their own
 * Stripe customer" decides which row that is (ADR 0081).
 */
import type pg from 'pg';
import type Stripe from 'stripe';
import type { AuthUser } from '../auth/auth-user';
import { asUser, type DbCaller } from '../db-as-user';
import type { Queryable } from '../db';

/** The caller's own Stripe customer id, under RLS. */
export async function findOwnStripeCustomer(db: pg.Pool, caller: DbCaller): Promise<string | undefined> {
  return asUser(db, caller, async (client) => {
    // auth.uid() is the verified token's subject; RLS alone would also hide every other row.
    const { rows } = await client.query<{ customer_id: string }>(
      'select customer_id from public.stripe_customers where user_id = (select auth.uid())',
    );
    return rows[0]?.customer_id;
  });
}

export async function ensureStripeCustomer(db: pg.Pool, stripe: Stripe, user: AuthUser): Promise<string> {
  const existing = await findOwnStripeCustomer(db, user);
  if (existing) return existing;
  const customer = await stripe.customers.create(
    { ...(user.email ? { email: user.email } : {}), metadata: { user_id: user.id } },
    { idempotencyKey: `customer-for-user:${user.id}` },
  );
  // Service action: the id is Stripe's answer, and users cannot write stripe_customers at all (a
  // user who could would point their Billing Portal at another customer).
  await db.query(
    'insert into public.stripe_customers (user_id, customer_id) values ($1, $2) on conflict (user_id) do nothing',
    [user.id, customer.id],
  );
  // Whoever inserted first wins; with the idempotency key it is the same customer anyway.
  return (await findOwnStripeCustomer(db, user)) ?? customer.id;
}

/**
 * A user's customer id at the service level, by user id: account deletion cancels what Stripe
 * still bills with it (netlify/lib/account), also on a retry after the user row is gone.
 */
export async function findStripeCustomer(db: Queryable, userId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ customer_id: string }>(
    'select customer_id from public.stripe_customers where user_id = $1',
    [userId],
  );
  return rows[0]?.customer_id;
}

/** The user a Stripe customer belongs to, if it is one of ours (service action: the webhook). */
export async function userForCustomer(db: Queryable, customerId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ user_id: string }>(
    'select user_id from public.stripe_customers where customer_id = $1',
    [customerId],
  );
  return rows[0]?.user_id;
}
