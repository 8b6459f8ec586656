/**
 * Verifies a webhook delivery with stripe-node on the raw body, exactly as received: a parsed and
 * re-serialised body would not match the signature. Failing deliveries are refused with 400
 * before anything is written.
 */
import type Stripe from 'stripe';
import { ApiError } from '../../http/api-error';

export function verifyStripeEvent(
  stripe: Stripe,
  rawBody: string,
  signature: string | null,
  secret: string,
): Stripe.Event {
  if (!signature) throw new ApiError('VALIDATION_FAILED', 'Missing Stripe-Signature header.');
  try {
    // Default tolerance (300 s): a stale signature is refused, which also bounds replays.
    return stripe.webhooks.constructEvent(rawBody, signature, secret);
  } catch (error) {
    throw new ApiError('VALIDATION_FAILED', 'The Stripe signature does not match this payload.', {
      cause: error,
    });
  }
}
