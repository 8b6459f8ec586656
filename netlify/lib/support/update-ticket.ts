/**
 * Staff changes to a ticket's status or priority. Service action (admin verified by the pipeline):
 * priority is not writable by `authenticated` at all, so users cannot raise their own.
 */
import type { Queryable } from '../db';
import { ApiError } from '../http/api-error';
import type { TicketPriority, TicketStatus } from '../../../src/shared/support';

export async function updateTicketAsStaff(
  db: Queryable,
  ticketId: string,
  change: { status?: TicketStatus; priority?: TicketPriority },
): Promise<{ id: string; status: TicketStatus; priority: TicketPriority }> {
  const { rows } = await db.query<{ id: string; status: TicketStatus; priority: TicketPriority }>(
    `update public.support_tickets
     set status = coalesce($2, status), priority = coalesce($3, priority)
     where id = $1
     returning id, status, priority`,
    [ticketId, change.status ?? null, change.priority ?? null],
  );
  if (!rows[0]) throw new ApiError('NOT_FOUND', 'No such ticket.');
  return rows[0];
}
