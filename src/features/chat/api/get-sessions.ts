import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { useLiveQuery } from '@/lib/live';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { chatKeys } from '../keys';
import { sessionRowSchema, type ChatSession } from '../schemas';
import { ilikePattern } from '@/lib/ilike-pattern';

/**
 * The caller's 50 most recently active sessions (RLS: only their own), or, with `search`, the
 * 50 most recent whose title contains it. Search runs on the server: the list holds only the
 * latest 50, so filtering it in the browser would miss older chats.
 */
export async function getSessions(search = '', signal?: AbortSignal): Promise<ChatSession[]> {
  let query = supabase
    .from('chat_sessions')
    .select('id, title, employee_id, last_message_at, created_at')
    .is('archived_at', null);
  const pattern = ilikePattern(search);
  if (pattern) query = query.ilike('title', pattern);
  let ordered = query
    .order('last_message_at', { ascending: false, nullsFirst: false })
    .order('created_at', { ascending: false })
    .limit(50);
  if (signal) ordered = ordered.abortSignal(signal);
  return sessionRowSchema.array().parse(unwrap(await ordered));
}

/** `search` must already be normalised (see normaliseSearchTerm in @/lib/ilike-pattern), so equal searches share a cache entry. */
export const sessionsQueryOptions = (search = '') =>
  queryOptions({
    queryKey: chatKeys.sessionList(search),
    queryFn: ({ signal }) => getSessions(search, signal),
  });

/**
 * Live: chat_sessions is in the supabase_realtime publication, so a chat started, renamed or
 * answered in another tab or device shows up here (RLS lets Realtime send only the user's own).
 */
export function useChatSessions(search = '') {
  // While a new search loads, the previous results stay on screen instead of a skeleton.
  return useLiveQuery({
    ...sessionsQueryOptions(search),
    placeholderData: keepPreviousData,
    live: { table: 'chat_sessions' },
  });
}
