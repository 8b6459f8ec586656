/**
 * The signed-in devices (GET /api/account/sessions, ADR 0071), ending one of them, and "sign out
 * everywhere else" (Auth's own logout with scope `others`).
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, apiJson } from '@/lib/api-client';
import { supabase } from '@/lib/supabase';
import { accountSessionsResponseSchema } from '@/shared/account-contract';
import { settingsKeys } from '../keys';

export function useSessions(userId: string) {
  return useQuery(
    queryOptions({
      queryKey: settingsKeys.sessions(userId),
      queryFn: async ({ signal }) =>
        (await apiJson('/api/account/sessions', accountSessionsResponseSchema, { signal })).sessions,
    }),
  );
}

/** Ending sessions changes both the list and the security events. */
function useInvalidateSecurity(userId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: settingsKeys.sessions(userId) }),
      queryClient.invalidateQueries({ queryKey: settingsKeys.securityEvents(userId) }),
    ]);
}

export function useEndSession(userId: string) {
  const invalidate = useInvalidateSecurity(userId);
  return useMutation({
    mutationFn: async (sessionId: string) => {
      await apiFetch(`/api/account/sessions/${sessionId}`, { method: 'DELETE' });
    },
    onSettled: invalidate,
  });
}

export function useSignOutOthers(userId: string) {
  const invalidate = useInvalidateSecurity(userId);
  return useMutation({
    mutationFn: async () => {
      const { error } = await supabase.auth.signOut({ scope: 'others' });
      if (error) throw error;
    },
    onSettled: invalidate,
  });
}
