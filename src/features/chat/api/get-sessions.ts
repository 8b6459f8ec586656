import { queryOptions, useQuery } from '@tanstack/react-query';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { chatKeys } from '../keys';
import { sessionRowSchema, type ChatSession } from '../schemas';

/** The caller's 50 most recently active sessions (RLS: only their own). */
export async function getSessions(signal?: AbortSignal): Promise<ChatSession[]> {
  let query = supabase
    .from('chat_sessions')
    .select('id, title, employee_id, last_message_at, created_at')
    .is('archived_at', null)
    .order('last_message_at', { ascending: false, nullsFirst: false })
    .order('created_at', { ascending: false })
    .limit(50);
  if (signal) query = query.abortSignal(signal);
  return sessionRowSchema.array().parse(unwrap(await query));
}

export const sessionsQueryOptions = () =>
  queryOptions({ queryKey: chatKeys.sessions(), queryFn: ({ signal }) => getSessions(signal) });

export function useChatSessions() {
  return useQuery(sessionsQueryOptions());
}
