/**
 * Deletes one of the caller's chat sessions; its messages and attachment records go with it (on
 * delete cascade), its attached files first (Storage rows are deleted through Storage only). It
 * leaves every sessions list at once and comes back if the server refuses; the error is shown by
 * the app's mutation error toast.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiClientError } from '@/lib/api-client';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { chatKeys } from '../keys';
import { editCachedSessions } from './edit-cached-sessions';

/** RLS hides other users' sessions, so deleting one of them matches no row: a 404, never a delete. */
export async function deleteSession(sessionId: string): Promise<void> {
  // Loaded when used: attachments (uploads, removal) are not part of the chat's first load.
  const { removeSessionAttachments } = await import('./attachments');
  await removeSessionAttachments(sessionId);
  const rows = unwrap(await supabase.from('chat_sessions').delete().eq('id', sessionId).select('id'));
  if (rows.length === 0) throw new ApiClientError({ status: 404, code: 'NOT_FOUND' });
}

export function useDeleteSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ sessionId }: { sessionId: string }) => deleteSession(sessionId),
    onMutate: ({ sessionId }) =>
      editCachedSessions(queryClient, (sessions) => sessions.filter((session) => session.id !== sessionId)),
    onError: (_error, _variables, undo) => undo?.(),
    onSuccess: (_result, { sessionId }) =>
      queryClient.removeQueries({ queryKey: chatKeys.messages(sessionId) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: chatKeys.sessions() }),
  });
}
