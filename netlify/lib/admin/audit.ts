/** One audit_logs row for an admin action (who, what, on what, before/after), in the caller's transaction. */
import { isIP } from 'node:net';
import type { Queryable } from '../db';

export interface AdminActor {
  id: string;
  requestId: string;
  ip: string;
}

export async function auditAdminAction(
  db: Queryable,
  actor: AdminActor,
  action: string,
  target: { type: string; id: string },
  metadata: Record<string, unknown>,
): Promise<void> {
  await db.query(
    `insert into public.audit_logs (actor_id, action, target_type, target_id, ip, request_id, metadata)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [actor.id, action, target.type, target.id, isIP(actor.ip) ? actor.ip : null, actor.requestId, metadata],
  );
}
