import type { Config } from '@netlify/functions';
import { createSubscriptionCheckout } from '../lib/billing/checkout';
import { SubscriptionCheckoutBody } from '../lib/billing/schemas';
import { defineHandler } from '../lib/http/define-handler';
import { getStripe } from '../lib/stripe';
import { withStripeFailures } from '../lib/billing/stripe-failure';

export default defineHandler(
  { method: 'POST', auth: 'user', rateLimit: 'billing', body: SubscriptionCheckoutBody },
  ({ db, user, body, env }) =>
    withStripeFailures(() => createSubscriptionCheckout(db, getStripe(), user, body, env.APP_URL)),
);

export const config: Config = { path: '/api/billing/subscription-checkout' };
