import { z } from 'zod';
import { ticketCategories, ticketPriorities, ticketStatuses } from '@/shared/support';

export const ticketRowSchema = z.object({
  id: z.string(),
  user_id: z.string(),
  subject: z.string(),
  category: z.enum(ticketCategories),
  status: z.enum(ticketStatuses),
  priority: z.enum(ticketPriorities),
  chat_session_id: z.string().nullable(),
  last_message_at: z.string(),
  created_at: z.string(),
});
export type Ticket = z.infer<typeof ticketRowSchema>;

export const messageRowSchema = z.object({
  id: z.string(),
  ticket_id: z.string(),
  author_id: z.string().nullable(),
  is_staff: z.boolean(),
  body: z.string(),
  created_at: z.string(),
});
export type TicketMessage = z.infer<typeof messageRowSchema>;

export const ticketColumns =
  'id, user_id, subject, category, status, priority, chat_session_id, last_message_at, created_at';
export const messageColumns = 'id, ticket_id, author_id, is_staff, body, created_at';

export const staffReplySchema = z.object({
  id: z.string(),
  ticketId: z.string(),
  body: z.string(),
  createdAt: z.string(),
  created: z.boolean(),
});

export const customerSchema = z.object({
  email: z.string().nullable(),
  plan: z.string(),
  planStatus: z.string().nullable(),
  subscription: z
    .object({ status: z.string(), interval: z.string(), currentPeriodEnd: z.string().nullable() })
    .nullable(),
  lastInvoice: z
    .object({
      id: z.string(),
      number: z.string().nullable(),
      status: z.string().nullable(),
      amountDue: z.number(),
      amountPaid: z.number(),
      currency: z.string(),
      created: z.string(),
      hostedInvoiceUrl: z.string().nullable(),
    })
    .nullable(),
});
