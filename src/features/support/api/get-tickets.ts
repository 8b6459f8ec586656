import { queryOptions, useQuery } from '@tanstack/react-query';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { supportKeys } from '../keys';
import { ticketColumns, ticketRowSchema, type Ticket } from '../schemas';

/** The caller's tickets (RLS: only their own), latest activity first. */
export async function getTickets(signal?: AbortSignal): Promise<Ticket[]> {
  const query = supabase
    .from('support_tickets')
    .select(ticketColumns)
    .order('last_message_at', { ascending: false })
    .limit(100);
  return ticketRowSchema.array().parse(unwrap(await (signal ? query.abortSignal(signal) : query)));
}

export const ticketsQueryOptions = () =>
  queryOptions({ queryKey: supportKeys.tickets(), queryFn: ({ signal }) => getTickets(signal) });

export const useTickets = () => useQuery(ticketsQueryOptions());
