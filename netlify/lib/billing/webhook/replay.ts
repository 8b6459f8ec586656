/**
 * POST /api/admin/webhooks/:id/replay: processes one dead-lettered event again, from the payload
 * stored when it arrived (its signature was verified then). The same exactly-once path as a
 * delivery: replaying an event that has meanwhile been processed changes nothing. Every replay,
 * successful or not, is an `admin.webhook_replay` audit row with the queue state before and the
 * outcome after.
 */
import { isIP } from 'node:net';
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
  context: { log: Logger; requestId: string; ip: string; adminId: string },
): Promise<ReplayResult> {
  const { rows } = await db.query<{ payload: Stripe.Event; resolved_at: Date | null; replay_count: number }>(
    `select payload, resolved_at, replay_count from public.failed_webhook_events
      where (case when $1 ~ '^evt_' then event_id = $1 else id::text = $1 end)`,
    [id],
  );
  const row = rows[0];
  if (!row) throw new ApiError('NOT_FOUND', 'No dead-lettered webhook event has this id.');
  const event = row.payload;
  const audit = (after: Record<string, unknown>) =>
    db.query(
      `insert into public.audit_logs (actor_id, action, target_type, target_id, ip, request_id, metadata)
       values ($1, 'admin.webhook_replay', 'stripe_event', $2, $3, $4, $5)`,
      [
        context.adminId,
        event.id,
        isIP(context.ip) ? context.ip : null,
        context.requestId,
        { before: { resolved_at: row.resolved_at, replay_count: row.replay_count }, after },
      ],
    );
  try {
    const outcome = await processStripeEvent(event, { db, stripe, replay: true, ...context });
    await db.query('update public.failed_webhook_events set next_retry_at = null where event_id = $1', [
      event.id,
    ]);
    await audit({ outcome });
    return { eventId: event.id, type: event.type, outcome };
  } catch (error) {
    if (error instanceof EventProcessingError) {
      await audit({ outcome: 'failed' });
      throw new ApiError('CONFLICT', 'The event failed again; its last error is in the dead-letter queue.', {
        cause: error,
      });
    }
    throw error;
  }
}
