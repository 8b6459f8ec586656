import type { Config } from '@netlify/functions';
import { EventProcessingError, processStripeEvent } from '../lib/billing/webhook/process-event';
import { verifyStripeEvent } from '../lib/billing/webhook/verify-event';
import { stripeEnv } from '../lib/env';
import { ApiError } from '../lib/http/api-error';
import { defineHandler } from '../lib/http/define-handler';
import { getStripe } from '../lib/stripe';

// Authenticated by Stripe's signature, not a JWT; the raw body is what the signature covers.
// Verify, then process exactly once (process-event.ts).
export default defineHandler(
  { method: 'POST', auth: 'none', rawBody: true, rateLimit: 'webhook' },
  async ({ req, rawBody, db, log, requestId, ip }) => {
    const env = stripeEnv();
    const stripe = getStripe(env);
    const event = verifyStripeEvent(stripe, rawBody, req.headers.get('stripe-signature'), env.webhookSecret);
    try {
      const outcome = await processStripeEvent(event, { db, stripe, log, requestId, ip });
      return { received: true, outcome };
    } catch (error) {
      // 5xx on purpose: Stripe retries, and the third failure dead-letters the event.
      if (error instanceof EventProcessingError)
        throw new ApiError('INTERNAL', 'The event could not be processed.', { cause: error });
      throw error;
    }
  },
);

export const config: Config = { path: '/api/stripe/webhook' };
