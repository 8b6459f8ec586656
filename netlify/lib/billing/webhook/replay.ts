/**
 * POST /api/admin/webhooks/:id/replay: processes one dead-lettered event again, from the payload
 * stored when it arrived (its signature was verified then). The same exactly-once path as a
 * delivery: replaying an event that has meanwhile been processed changes nothing.
 */
import type pg from 'pg';
import type Stripe from 'stripe';
import { ApiError } from '../../http/api-error';
import type { Logger } from '../../observability/logger';
import { EventProcessingError, processStripeEvent, type ProcessOutcome } from './process-event';

export interface ReplayResult {
  eventId: string;
  type: string;
  outcome: ProcessOutcome;
}

/** `id` is the dead-letter row's uuid or the Stripe event id. */
export async function replayDeadLetter(
  db: pg.Pool,
  stripe: Stripe,
  id: string,
  context: { log: Logger; requestId: string; ip: string },
): Promise<ReplayResult> {
  const { rows } = await db.query<{ payload: Stripe.Event }>(
    `select payload from public.failed_webhook_events
      where (case when $1 ~ '^evt_' then event_id = $1 else id::text = $1 end)`,
    [id],
  );
  const event = rows[0]?.payload;
  if (!event) throw new ApiError('NOT_FOUND', 'No dead-lettered webhook event has this id.');
  try {
    const outcome = await processStripeEvent(event, { db, stripe, replay: true, ...context });
    return { eventId: event.id, type: event.type, outcome };
  } catch (error) {
    if (error instanceof EventProcessingError) {
      throw new ApiError('CONFLICT', 'The event failed again; its last error is in the dead-letter queue.', {
        cause: error,
      });
    }
    throw error;
  }
}
