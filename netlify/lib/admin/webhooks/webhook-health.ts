/**
 * GET /api/admin/webhooks: events by type and status, processing time and recent failures over a
 * window, and the unresolved dead letters with their error and payload.
 * Service action (admin verified by the pipeline). Each query is an index range scan:
 * stripe_events (status, received_at), webhook_audit_log (created_at), the unresolved-DLQ index.
 */
import type { Queryable } from '../../db';
import type { WebhookHealth } from '../../../../src/shared/admin-webhooks';

export async function webhookHealth(db: Queryable, days: number): Promise<WebhookHealth> {
  const [byTypeAndStatus, processing, recentFailures, deadLetters] = await Promise.all([
    db.query<WebhookHealth['byTypeAndStatus'][number]>(
      `select type, status, count(*)::int as events
         from public.stripe_events where received_at >= now() - make_interval(days => $1)
        group by type, status order by type, status`,
      [days],
    ),
    db.query<WebhookHealth['processing']>(
      `select count(*)::int as events,
              round(percentile_cont(0.5) within group (order by ms))::float8 as "p50Ms",
              round(percentile_cont(0.95) within group (order by ms))::float8 as "p95Ms",
              round(max(ms))::float8 as "maxMs"
         from (select extract(epoch from processed_at - received_at) * 1000 as ms
                 from public.stripe_events
                where received_at >= now() - make_interval(days => $1) and processed_at is not null) t`,
      [days],
    ),
    db.query<WebhookHealth['recentFailures'][number]>(
      `select event_id as "eventId", event_type as type, message, created_at as at
         from public.webhook_audit_log
        where outcome in ('failed', 'signature_invalid', 'dead_lettered')
          and created_at >= now() - make_interval(days => $1)
        order by created_at desc limit 20`,
      [days],
    ),
    db.query<WebhookHealth['deadLetters'][number]>(
      `select id, event_id as "eventId", event_type as type, failure_count as "failureCount",
              last_error as "lastError", payload, replay_count as "replayCount",
              auto_retry_count as "autoRetryCount", next_retry_at as "nextRetryAt", created_at as "createdAt"
         from public.failed_webhook_events where resolved_at is null
        order by created_at desc limit 100`,
    ),
  ]);
  return {
    days,
    byTypeAndStatus: byTypeAndStatus.rows,
    processing: processing.rows[0] ?? { events: 0, p50Ms: null, p95Ms: null, maxMs: null },
    recentFailures: recentFailures.rows,
    deadLetters: deadLetters.rows,
  };
}
