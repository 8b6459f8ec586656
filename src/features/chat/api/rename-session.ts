/**
 * Renames one of the caller's chat sessions. The new title shows at once in every sessions list
 * and rolls back if the server refuses; the error is shown by the app's mutation error toast.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiClientError } from '@/lib/api-client';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { chatKeys } from '../keys';
import { sessionTitleMaxLength, sessionTitleSchema } from '../schemas';
import { editCachedSessions } from './edit-cached-sessions';

/** RLS hides other users' sessions, so renaming one of them matches no row: a 404, never a write. */
export async function renameSession(sessionId: string, title: string): Promise<void> {
  const parsed = sessionTitleSchema.safeParse(title);
  if (!parsed.success) {
    throw new ApiClientError({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: `A chat title needs 1 to ${sessionTitleMaxLength} characters.`,
    });
  }
  const rows = unwrap(
    await supabase.from('chat_sessions').update({ title: parsed.data }).eq('id', sessionId).select('id'),
  );
  if (rows.length === 0) throw new ApiClientError({ status: 404, code: 'NOT_FOUND' });
}

export function useRenameSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ sessionId, title }: { sessionId: string; title: string }) =>
      renameSession(sessionId, title),
    onMutate: ({ sessionId, title }) =>
      editCachedSessions(queryClient, (sessions) =>
        sessions.map((session) => (session.id === sessionId ? { ...session, title: title.trim() } : session)),
      ),
    onError: (_error, _variables, undo) => undo?.(),
    onSettled: () => queryClient.invalidateQueries({ queryKey: chatKeys.sessions() }),
  });
}
