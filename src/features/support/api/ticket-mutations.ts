/** What a customer does with their tickets, straight to Supabase under RLS. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import type { TicketCategory } from '@/shared/support';
import { supportKeys } from '../keys';

export interface NewTicket {
  subject: string;
  category: TicketCategory;
  body: string;
  chatSessionId?: string | undefined;
}

/** Opens a ticket with its first message (one transaction; the database limits 10 a day). */
export async function openTicket(ticket: NewTicket): Promise<string> {
  const id = unwrap(
    await supabase.rpc('open_support_ticket', {
      p_subject: ticket.subject,
      p_category: ticket.category,
      p_body: ticket.body,
      p_chat_session_id: ticket.chatSessionId,
    }),
  );
  return id as string;
}

export function useOpenTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: openTicket,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: supportKeys.tickets() }),
  });
}

export function usePostReply(ticketId: string, authorId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: string) => {
      unwrap(
        await supabase
          .from('support_ticket_messages')
          .insert({ ticket_id: ticketId, author_id: authorId, body }),
      );
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: supportKeys.all }),
  });
}

/** Close, or reopen a resolved or closed ticket (RLS allows the customer exactly these two). */
export function useSetTicketStatus(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (status: 'open' | 'closed') => {
      unwrap(await supabase.from('support_tickets').update({ status }).eq('id', ticketId));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: supportKeys.all }),
  });
}
