import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { chatKeys } from '../keys';
import { messageRowSchema, type ChatMessage } from '../schemas';

const pageSize = 50;

interface Cursor {
  createdAt: string;
  id: string;
}

/** One page of a session's messages, newest first, before `cursor` (keyset pagination). */
export async function getMessages(
  sessionId: string,
  cursor: Cursor | undefined,
  signal?: AbortSignal,
): Promise<ChatMessage[]> {
  let query = supabase
    .from('chat_messages')
    .select(
      'id, role, content, status, credits_charged, model, employee_version_id, created_at, chat_attachments(file_name, position)',
    )
    .eq('session_id', sessionId)
    .order('created_at', { ascending: false })
    .order('id', { ascending: false })
    .limit(pageSize);
  if (cursor) {
    query = query.or(
      `created_at.lt.${cursor.createdAt},and(created_at.eq.${cursor.createdAt},id.lt.${cursor.id})`,
    );
  }
  if (signal) query = query.abortSignal(signal);
  return messageRowSchema.array().parse(unwrap(await query));
}

/** An answer still streaming, or stopped and not yet metered. */
const awaitingCharge = (message: ChatMessage) =>
  message.role === 'assistant' &&
  (message.status === 'streaming' || (message.status === 'stopped' && message.credits === null));

/** How long after its start an answer can still be waiting for its charge (60 s drain + margin). */
const settleWindowMs = 3 * 60_000;

export const stillSettling = (message: ChatMessage, now: number) =>
  awaitingCharge(message) &&
  (message.status === 'streaming' || now - Date.parse(message.createdAt) < settleWindowMs);

export const messagesQueryOptions = (sessionId: string) =>
  infiniteQueryOptions({
    queryKey: chatKeys.messages(sessionId),
    queryFn: ({ pageParam, signal }) => getMessages(sessionId, pageParam, signal),
    initialPageParam: undefined as Cursor | undefined,
    getNextPageParam: (page): Cursor | undefined => {
      const oldest = page.at(-1);
      return page.length === pageSize && oldest ? { createdAt: oldest.createdAt, id: oldest.id } : undefined;
    },
  });

export function useChatMessages(sessionId: string | undefined) {
  return useInfiniteQuery({
    ...messagesQueryOptions(sessionId ?? ''),
    enabled: sessionId !== undefined,
    // An answer stopped by the user is finished on the server a moment later: poll until it is —
    // but not forever: the gateway drains a stopped stream for at most 60 s before it settles.
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.some((message) => stillSettling(message, Date.now())))
        ? 1_000
        : false,
  });
}
