/** POST /api/stripe/webhook: verify, then process exactly once (see process-event.ts). */
import type pg from 'pg';
import { stripeEnv } from '../../env';
import { ApiError } from '../../http/api-error';
import type { Logger } from '../../observability/logger';
import { getStripe } from '../../stripe';
import { EventProcessingError, processStripeEvent, type ProcessOutcome } from './process-event';
import { verifyStripeEvent } from './verify-event';

export interface Delivery {
  req: Request;
  rawBody: string;
  db: pg.Pool;
  log: Logger;
  requestId: string;
  ip: string;
}

export async function handleStripeDelivery(
  delivery: Delivery,
): Promise<{ received: true; outcome: ProcessOutcome }> {
  const env = stripeEnv();
  const stripe = getStripe(env);
  const event = verifyStripeEvent(
    stripe,
    delivery.rawBody,
    delivery.req.headers.get('stripe-signature'),
    env.webhookSecret,
  );
  try {
    const outcome = await processStripeEvent(event, {
      db: delivery.db,
      stripe,
      log: delivery.log,
      requestId: delivery.requestId,
      ip: delivery.ip,
    });
    return { received: true, outcome };
  } catch (error) {
    // 5xx on purpose: Stripe retries, and the third failure dead-letters the event.
    if (error instanceof EventProcessingError)
      throw new ApiError('INTERNAL', 'The event could not be processed.', { cause: error });
    throw error;
  }
}
