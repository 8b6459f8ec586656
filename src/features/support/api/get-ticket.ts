import { queryOptions, useQuery } from '@tanstack/react-query';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { supportKeys } from '../keys';
import { messageColumns, messageRowSchema, ticketColumns, ticketRowSchema } from '../schemas';

/**
 * One ticket with its thread. RLS decides who may read it: its author, and staff. A ticket the
 * caller may not read is indistinguishable from a missing one (404).
 */
export async function getTicket(ticketId: string, signal?: AbortSignal) {
  const ticketQuery = supabase.from('support_tickets').select(ticketColumns).eq('id', ticketId);
  const messagesQuery = supabase
    .from('support_ticket_messages')
    .select(messageColumns)
    .eq('ticket_id', ticketId)
    .order('created_at', { ascending: true });
  const [ticket, messages] = await Promise.all([
    (signal ? ticketQuery.abortSignal(signal) : ticketQuery).single(),
    signal ? messagesQuery.abortSignal(signal) : messagesQuery,
  ]);
  return {
    ticket: ticketRowSchema.parse(unwrap(ticket)),
    messages: messageRowSchema.array().parse(unwrap(messages)),
  };
}

export type TicketThread = Awaited<ReturnType<typeof getTicket>>;

export const ticketQueryOptions = (ticketId: string) =>
  queryOptions({
    queryKey: supportKeys.ticket(ticketId),
    queryFn: ({ signal }) => getTicket(ticketId, signal),
  });

/** Refreshes every 10 s while open, so a reply from the other side shows up without a reload. */
export const useTicket = (ticketId: string) =>
  useQuery({ ...ticketQueryOptions(ticketId), refetchInterval: 10_000 });
