/**
 * Staff changes to a ticket's status or priority. Service action (admin verified by the pipeline):
 * priority is not writable by `authenticated` at all, so users cannot raise their own. Resolving
 * a ticket tells its author in the app, in the same transaction.
 */
import type pg from 'pg';
import { withTransaction } from '../db';
import { ApiError } from '../http/api-error';
import type { TicketPriority, TicketStatus } from '../../../src/shared/support';
import { ticketResolvedNotification } from './notification-text';

interface UpdatedTicket {
  id: string;
  status: TicketStatus;
  priority: TicketPriority;
}

export async function updateTicketAsStaff(
  db: pg.Pool,
  ticketId: string,
  change: { status?: TicketStatus; priority?: TicketPriority },
): Promise<UpdatedTicket> {
  return withTransaction(db, async (client) => {
    const { rows: before } = await client.query<{ status: TicketStatus }>(
      'select status from public.support_tickets where id = $1 for update',
      [ticketId],
    );
    if (!before[0]) throw new ApiError('NOT_FOUND', 'No such ticket.');
    const { rows } = await client.query<UpdatedTicket & { user_id: string; subject: string }>(
      `update public.support_tickets
       set status = coalesce($2, status), priority = coalesce($3, priority)
       where id = $1
       returning id, status, priority, user_id, subject`,
      [ticketId, change.status ?? null, change.priority ?? null],
    );
    const ticket = rows[0]!;
    if (ticket.status === 'resolved' && before[0].status !== 'resolved') {
      const notification = ticketResolvedNotification(ticket.subject, ticketId);
      await client.query(
        `insert into public.notifications (user_id, kind, title, body, link)
         select $1, 'support', $2, $3, $4
         where coalesce((select notify_in_app from public.user_settings where user_id = $1), true)`,
        [ticket.user_id, notification.title, notification.body, notification.link],
      );
    }
    return { id: ticket.id, status: ticket.status, priority: ticket.priority };
  });
}
