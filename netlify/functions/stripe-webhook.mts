import type { Config } from '@netlify/functions';
import { handleStripeDelivery } from '../lib/billing/webhook/handle-delivery';
import { defineHandler } from '../lib/http/define-handler';

// Authenticated by Stripe's signature, not a JWT; the raw body is what the signature covers.
export default defineHandler(
  { method: 'POST', auth: 'none', rawBody: true, rateLimit: 'webhook' },
  ({ req, rawBody, db, log, requestId, ip }) =>
    handleStripeDelivery({ req, rawBody, db, log, requestId, ip }),
);

export const config: Config = { path: '/api/stripe/webhook' };
