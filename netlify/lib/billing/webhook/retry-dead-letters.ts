/**
 * The dead-letter retry schedule (DESIGN.md §6): replays unresolved dead letters whose
 * next_retry_at has come, so that a transient failure (a catalog row added late, a Stripe or
 * database hiccup) heals without a person. Backoff doubles from 5 minutes; after `maxAutoRetries`
 * the row waits for an admin (next_retry_at null).
 *
 * Exactly once: a row is claimed by moving next_retry_at past the run's lease under
 * `for update skip locked` (two overlapping runs never take the same row), and the replay is the
 * webhook's own exactly-once path (stripe_events row lock + status), so even a replay racing an
 * admin's click applies the event once.
 */
import type pg from 'pg';
import type Stripe from 'stripe';
import type { Logger } from '../../observability/logger';
import { EventProcessingError, processStripeEvent, type ProcessOutcome } from './process-event';

export const maxAutoRetries = 5;
const firstBackoffMinutes = 5;
/** Long enough for one replay; a run that dies mid-replay leaves the row due again after it. */
const leaseMinutes = 2;

export interface RetryReport {
  healed: number;
  failed: number;
  outcomes: Array<{ eventId: string; outcome: ProcessOutcome | 'failed' }>;
}

export async function retryDeadLetters(
  db: pg.Pool,
  stripe: Stripe,
  log: Logger,
  options: { limit?: number } = {},
): Promise<RetryReport> {
  const report: RetryReport = { healed: 0, failed: 0, outcomes: [] };
  for (let index = 0; index < (options.limit ?? 20); index += 1) {
    const { rows } = await db.query<{ event_id: string; payload: Stripe.Event; auto_retry_count: number }>(
      `update public.failed_webhook_events f
          set next_retry_at = now() + make_interval(mins => $1)
        where f.id = (
          select id from public.failed_webhook_events
           where resolved_at is null and next_retry_at <= now()
           order by next_retry_at
           limit 1
           for update skip locked)
        returning f.event_id, f.payload, f.auto_retry_count`,
      [leaseMinutes],
    );
    const row = rows[0];
    if (!row) break;
    const attempt = row.auto_retry_count + 1;
    try {
      const outcome = await processStripeEvent(row.payload, { db, stripe, log, replay: true });
      await db.query(
        `update public.failed_webhook_events
            set auto_retry_count = $2::int, next_retry_at = null, resolved_at = coalesce(resolved_at, now())
          where event_id = $1`,
        [row.event_id, attempt],
      );
      report.healed += 1;
      report.outcomes.push({ eventId: row.event_id, outcome });
    } catch (error) {
      // Whatever failed — the event again, or a payload that cannot be processed at all — this
      // row waits for its next try and the run moves on: one poisoned row must not stop the queue.
      if (!(error instanceof EventProcessingError)) {
        log.error('dead letter could not be replayed', { stripeEvent: row.event_id, error });
      }
      // Backoff: 5, 10, 20, 40 minutes after the 1st…4th automatic try; none after the 5th.
      await db.query(
        `update public.failed_webhook_events
            set auto_retry_count = $2::int,
                next_retry_at = case when $2::int >= $3::int then null
                                     else now() + make_interval(mins => $4::int * power(2, $2::int - 1)::int) end
          where event_id = $1`,
        [row.event_id, attempt, maxAutoRetries, firstBackoffMinutes],
      );
      report.failed += 1;
      report.outcomes.push({ eventId: row.event_id, outcome: 'failed' });
      log.warn('dead letter still failing', { stripeEvent: row.event_id, attempt });
    }
  }
  return report;
}
