import type { Config } from '@netlify/functions';
import { createTokenPackCheckout } from '../lib/billing/checkout';
import { TokenPackCheckoutBody } from '../lib/billing/schemas';
import { defineHandler } from '../lib/http/define-handler';
import { getStripe } from '../lib/stripe';
import { withStripeFailures } from '../lib/billing/stripe-failure';

export default defineHandler(
  { method: 'POST', auth: 'user', rateLimit: 'billing', body: TokenPackCheckoutBody },
  ({ db, user, body, env }) =>
    withStripeFailures(() => createTokenPackCheckout(db, getStripe(), user, body, env.APP_URL)),
);

export const config: Config = { path: '/api/billing/token-pack-checkout' };
