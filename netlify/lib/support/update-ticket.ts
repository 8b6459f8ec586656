/**
 * Staff changes to a ticket's status or priority. The ticket is locked and its status changed as
 * the staff member (`asUser`: "Admins can update every ticket" and the status column grant decide);
 * priority is not writable by `authenticated` at all, so users cannot raise their own, and is set
 * at the service level after that lookup. Resolving a ticket tells its author in the app, in the
 * same transaction.
 */
import type pg from 'pg';
import { asUser, continueAsService, type DbCaller } from '../db-as-user';
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
  staff: DbCaller,
  ticketId: string,
  change: { status?: TicketStatus; priority?: TicketPriority },
): Promise<UpdatedTicket> {
  return asUser(db, staff, async (client) => {
    const { rows: before } = await client.query<{ status: TicketStatus }>(
      'select status from public.support_tickets where id = $1 for update',
      [ticketId],
    );
    if (!before[0]) throw new ApiError('NOT_FOUND', 'No such ticket.');
    if (change.status !== undefined) {
      await client.query('update public.support_tickets set status = $2 where id = $1', [
        ticketId,
        change.status,
      ]);
    }
    // Service from here: priority has no grant for `authenticated` (staff set it only through this
    // route, on a ticket the lookup above found under RLS), and the notification is the server's.
    await continueAsService(client);
    const { rows } = await client.query<UpdatedTicket & { user_id: string; subject: string }>(
      `update public.support_tickets
       set priority = coalesce($2, priority)
       where id = $1
       returning id, status, priority, user_id, subject`,
      [ticketId, change.priority ?? null],
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
