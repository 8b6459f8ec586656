/**
 * The staff side: the queue and threads are read under RLS (admins read every ticket); replies,
 * status and priority go through the staff functions, which notify the customer and hold the
 * priority column users cannot write.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiJson } from '@/lib/api-client';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import type { TicketPriority, TicketStatus } from '@/shared/support';
import { z } from 'zod';
import { supportKeys } from '../keys';
import { customerSchema, staffReplySchema, ticketColumns, ticketRowSchema } from '../schemas';

export type QueueFilter = 'active' | TicketStatus | 'all';

/** Open and waiting tickets: oldest activity first, so nobody waits longest. */
export async function getStaffQueue(filter: QueueFilter, signal?: AbortSignal) {
  let query = supabase.from('support_tickets').select(ticketColumns);
  if (filter === 'active') query = query.in('status', ['open', 'pending']);
  else if (filter !== 'all') query = query.eq('status', filter);
  const ordered = query
    .order('last_message_at', { ascending: filter === 'active' || filter === 'open' })
    .limit(200);
  return ticketRowSchema.array().parse(unwrap(await (signal ? ordered.abortSignal(signal) : ordered)));
}

export const useStaffQueue = (filter: QueueFilter) =>
  useQuery(
    queryOptions({
      queryKey: supportKeys.staffQueue(filter),
      queryFn: ({ signal }) => getStaffQueue(filter, signal),
      refetchInterval: 30_000,
    }),
  );

export const useTicketCustomer = (ticketId: string, enabled: boolean) =>
  useQuery({
    queryKey: supportKeys.customer(ticketId),
    queryFn: ({ signal }) =>
      apiJson(`/api/admin/support/tickets/${ticketId}/customer`, customerSchema, { signal }),
    enabled,
  });

export function useStaffReply(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    // The id is made once per reply, so a retried request is not a second reply or email.
    mutationFn: (reply: { messageId: string; body: string }) =>
      apiJson(`/api/admin/support/tickets/${ticketId}/replies`, staffReplySchema, {
        method: 'POST',
        json: reply,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: supportKeys.all }),
  });
}

export function useStaffUpdate(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: { status?: TicketStatus; priority?: TicketPriority }) =>
      apiJson(`/api/admin/support/tickets/${ticketId}`, z.object({ id: z.string() }).passthrough(), {
        method: 'PATCH',
        json: change,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: supportKeys.all }),
  });
}
