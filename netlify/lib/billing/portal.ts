/** A Stripe Billing Portal session for the caller's own customer (plan changes, cards, cancel). */
import type pg from 'pg';
import type Stripe from 'stripe';
import type { AuthUser } from '../auth/auth-user';
import { ApiError } from '../http/api-error';
import { findOwnStripeCustomer } from './customers';
import { billingPageUrl } from './return-urls';
import type { RedirectUrl } from './schemas';

export async function createPortalSession(
  db: pg.Pool,
  stripe: Stripe,
  user: AuthUser,
  appUrl: string,
): Promise<RedirectUrl> {
  // Only ever the customer stored for this user, read as the user: the caller cannot name one.
  const customer = await findOwnStripeCustomer(db, user);
  if (!customer)
    throw new ApiError('NOT_FOUND', 'You have no billing account yet: subscribe or buy a token pack first.');
  const session = await stripe.billingPortal.sessions.create({
    customer,
    return_url: billingPageUrl(appUrl),
  });
  return { url: session.url };
}
