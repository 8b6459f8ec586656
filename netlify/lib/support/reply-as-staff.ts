/**
 * A staff reply, with everything it causes in the same transaction: the message, the ticket's
 * move to "waiting on you" (the touch trigger), the user's in-app notification and the email.
 * Retrying the same messageId changes nothing a second time.
 *
 * The ticket is found and locked as the staff member (`asUser`): the policies "Admins can read /
 * update every ticket" decide, in the database, that this caller may act on it (the pipeline has
 * checked profiles.role too). The writes are service actions (see below).
 */
import type pg from 'pg';
import { asUser, continueAsService, type DbCaller } from '../db-as-user';
import { enqueueEmail } from '../email/enqueue-email';
import { ApiError } from '../http/api-error';
import { supportReplyNotification } from './notification-text';

export interface StaffReply {
  id: string;
  ticketId: string;
  body: string;
  createdAt: string;
  /** False when this messageId had been posted before (nothing new was written). */
  created: boolean;
}

const excerptOf = (body: string) => (body.length > 500 ? `${body.slice(0, 497)}…` : body);

export async function replyAsStaff(
  db: pg.Pool,
  staff: DbCaller,
  ticketId: string,
  reply: { messageId: string; body: string },
): Promise<StaffReply> {
  return asUser(db, staff, async (client) => {
    const { rows: tickets } = await client.query<{ user_id: string; subject: string; status: string }>(
      'select user_id, subject, status from public.support_tickets where id = $1 for update',
      [ticketId],
    );
    const ticket = tickets[0];
    if (!ticket) throw new ApiError('NOT_FOUND', 'No such ticket.');
    if (ticket.status === 'closed')
      throw new ApiError('CONFLICT', 'The ticket is closed; the customer can reopen it.');

    // Service from here, in the same transaction as the lock: staff replies (is_staff) are not
    // writable through RLS at all (migration 20261203140000), and the author's notification and
    // email are the server's records of the reply.
    await continueAsService(client);

    const { rows: inserted } = await client.query<{ id: string; created_at: Date }>(
      `insert into public.support_ticket_messages (id, ticket_id, author_id, is_staff, body)
       values ($1, $2, $3, true, $4)
       on conflict (id) do nothing
       returning id, created_at`,
      [reply.messageId, ticketId, staff.id, reply.body],
    );
    const message = inserted[0];
    if (!message) {
      const { rows } = await client.query<{
        ticket_id: string;
        body: string;
        created_at: Date;
        is_staff: boolean;
      }>('select ticket_id, body, created_at, is_staff from public.support_ticket_messages where id = $1', [
        reply.messageId,
      ]);
      const existing = rows[0];
      if (!existing || existing.ticket_id !== ticketId || !existing.is_staff)
        throw new ApiError('CONFLICT', 'This message id is already used.');
      return {
        id: reply.messageId,
        ticketId,
        body: existing.body,
        createdAt: existing.created_at.toISOString(),
        created: false,
      };
    }

    const notification = supportReplyNotification(ticket.subject, ticketId);
    await client.query(
      `insert into public.notifications (user_id, kind, title, body, link)
       select $1, 'support', $2, $3, $4
       where coalesce((select notify_in_app from public.user_settings where user_id = $1), true)`,
      [ticket.user_id, notification.title, notification.body, notification.link],
    );
    await enqueueEmail(client, {
      template: 'support_reply',
      payload: { ticketId, subject: ticket.subject, excerpt: excerptOf(reply.body) },
      dedupeKey: `support_reply:${message.id}`,
      to: { userId: ticket.user_id },
    });
    return {
      id: message.id,
      ticketId,
      body: reply.body,
      createdAt: message.created_at.toISOString(),
      created: true,
    };
  });
}
