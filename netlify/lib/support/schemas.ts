/** What the staff functions accept; the vocabulary comes from src/shared/support.ts. */
import { z } from 'zod';
import { ticketPriorities, ticketStatuses } from '../../../src/shared/support';

export const TicketParams = z.object({ id: z.uuid() });

export const StaffReplyBody = z.object({
  /** Chosen by the client, so that a retried request adds the reply (and its email) once. */
  messageId: z.uuid(),
  body: z.string().trim().min(1, 'Write a reply.').max(10_000),
});

export const StaffTicketUpdateBody = z
  .object({ status: z.enum(ticketStatuses).optional(), priority: z.enum(ticketPriorities).optional() })
  .refine(
    (value) => value.status !== undefined || value.priority !== undefined,
    'Give a status or a priority.',
  );
