/**
 * POST /api/admin/webhooks/:id/discard: an admin takes a dead letter out of the queue without
 * applying it (a test event, an event for a deleted account), with a reason. The row, its
 * resolution and the audit_logs row (before/after) change in one transaction.
 * Service action (admin verified by the pipeline).
 */
import { isIP } from 'node:net';
import type pg from 'pg';
import { withTransaction } from '../../db';
import { ApiError } from '../../http/api-error';

export async function discardDeadLetter(
  db: pg.Pool,
  admin: { id: string; requestId: string; ip: string },
  id: string,
  reason: string,
): Promise<{ eventId: string; discardedAt: string }> {
  return withTransaction(db, async (client) => {
    const { rows } = await client.query<{
      id: string;
      event_id: string;
      resolved_at: Date | null;
      next_retry_at: Date | null;
    }>(
      `select id, event_id, resolved_at, next_retry_at from public.failed_webhook_events
        where (case when $1 ~ '^evt_' then event_id = $1 else id::text = $1 end)
        for update`,
      [id],
    );
    const before = rows[0];
    if (!before) throw new ApiError('NOT_FOUND', 'No dead-lettered webhook event has this id.');
    if (before.resolved_at) throw new ApiError('CONFLICT', 'This dead letter is already resolved.');
    const { rows: after } = await client.query<{ resolved_at: Date; discarded_at: Date }>(
      `update public.failed_webhook_events
          set resolved_at = now(), discarded_at = now(), discarded_by = $2, discard_reason = $3, next_retry_at = null
        where id = $1
        returning resolved_at, discarded_at`,
      [before.id, admin.id, reason],
    );
    await client.query(
      `insert into public.audit_logs (actor_id, action, target_type, target_id, ip, request_id, metadata)
       values ($1, 'admin.webhook_discard', 'stripe_event', $2, $3, $4, $5)`,
      [
        admin.id,
        before.event_id,
        isIP(admin.ip) ? admin.ip : null,
        admin.requestId,
        {
          reason,
          before: { resolved_at: null, next_retry_at: before.next_retry_at },
          after: { resolved_at: after[0]?.resolved_at, discarded_at: after[0]?.discarded_at },
        },
      ],
    );
    return { eventId: before.event_id, discardedAt: (after[0]?.discarded_at as Date).toISOString() };
  });
}
