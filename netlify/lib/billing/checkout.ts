/**
 * Stripe Checkout Sessions for subscriptions and token packs, always from the Price IDs in the
 * catalog (never inline prices). The user id travels as client_reference_id and in metadata, so
 * the webhook can attribute the payment even before it knows the customer.
 */
import type pg from 'pg';
import type Stripe from 'stripe';
import type { AuthUser } from '../auth/auth-user';
import { findPlanPrice, findTokenPack } from './catalog';
import { ensureStripeCustomer } from './customers';
import { hasLiveSubscription } from './live-subscription';
import { createPortalSession } from './portal';
import { billingPageUrl } from './return-urls';
import type { RedirectUrl, SubscriptionCheckoutBody, TokenPackCheckoutBody } from './schemas';

export async function createSubscriptionCheckout(
  db: pg.Pool,
  stripe: Stripe,
  user: AuthUser,
  body: SubscriptionCheckoutBody,
  appUrl: string,
): Promise<RedirectUrl> {
  // A subscriber changes plan in the portal (Stripe prorates); a second Checkout would charge twice.
  if (await hasLiveSubscription(db, user)) return createPortalSession(db, stripe, user, appUrl);

  const price = await findPlanPrice(db, body.plan, body.interval);
  const customer = await ensureStripeCustomer(db, stripe, user);
  const metadata = { user_id: user.id, plan: price.planId, interval: price.interval };
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    customer,
    client_reference_id: user.id,
    line_items: [{ price: price.stripePriceId, quantity: 1 }],
    success_url: billingPageUrl(appUrl, 'success'),
    cancel_url: billingPageUrl(appUrl, 'cancel'),
    metadata,
    subscription_data: { metadata },
  });
  return { url: checkoutUrl(session) };
}

export async function createTokenPackCheckout(
  db: pg.Pool,
  stripe: Stripe,
  user: AuthUser,
  body: TokenPackCheckoutBody,
  appUrl: string,
): Promise<RedirectUrl> {
  const pack = await findTokenPack(db, body.packId);
  const customer = await ensureStripeCustomer(db, stripe, user);
  const metadata = { user_id: user.id, pack_id: pack.id };
  const session = await stripe.checkout.sessions.create({
    mode: 'payment',
    customer,
    client_reference_id: user.id,
    line_items: [{ price: pack.stripePriceId, quantity: 1 }],
    success_url: billingPageUrl(appUrl, 'success'),
    cancel_url: billingPageUrl(appUrl, 'cancel'),
    metadata,
    payment_intent_data: { metadata },
  });
  return { url: checkoutUrl(session) };
}

function checkoutUrl(session: Stripe.Checkout.Session): string {
  if (!session.url) throw new Error(`Checkout session ${session.id} has no URL`);
  return session.url;
}
