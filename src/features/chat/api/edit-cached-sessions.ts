import type { QueryClient } from '@tanstack/react-query';
import { chatKeys } from '../keys';
import type { ChatSession } from '../schemas';

type Edit = (sessions: ChatSession[]) => ChatSession[];

/**
 * Applies `edit` to every cached sessions list (the recent one and any searches) and returns how
 * to put them back if the server refuses.
 */
export async function editCachedSessions(queryClient: QueryClient, edit: Edit): Promise<() => void> {
  const root = chatKeys.sessions();
  await queryClient.cancelQueries({ queryKey: root });
  const previous = queryClient.getQueriesData<ChatSession[]>({ queryKey: root });
  queryClient.setQueriesData<ChatSession[]>({ queryKey: root }, (sessions) => sessions && edit(sessions));
  return () => {
    for (const [key, sessions] of previous) queryClient.setQueryData(key, sessions);
  };
}
