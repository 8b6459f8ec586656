/**
 * Security-relevant actions of a user, appended to audit_logs (append-only; kept anonymised after
 * the account is deleted, ADR 0011). Service-level insert: users can read their entries but never
 * write them, so an entry cannot be forged or left out by the client.
 */
import type { Queryable } from '../db';

export interface AuditEntry {
  actorId: string;
  action: `account.${string}`;
  ip: string;
  userAgent: string | null;
  requestId: string;
  metadata?: Record<string, unknown>;
}

/** The actor is the target: target_id stays empty so an anonymised entry names nobody. */
export async function recordAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query(
    `insert into public.audit_logs (actor_id, action, target_type, target_id, ip, user_agent, request_id, metadata)
     values ($1, $2, 'user', null, $3::inet, $4, $5, $6)`,
    [
      entry.actorId,
      entry.action,
      // A malformed address (tests, proxies) must not make the audited action fail.
      /^[0-9a-f:.]+$/i.test(entry.ip) ? entry.ip : null,
      entry.userAgent?.slice(0, 512) ?? null,
      entry.requestId,
      JSON.stringify(entry.metadata ?? {}),
    ],
  );
}
