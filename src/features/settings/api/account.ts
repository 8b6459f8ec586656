/**
 * The account functions (GET /api/account/export, DELETE /api/account), the email change through
 * Auth (a confirmation link goes to the new address) and the security events from audit_logs
 * (written by the functions and, for Auth's events, by triggers on Auth's tables: ADR 0072).
 */
import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiFetch } from '@/lib/api-client';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import type { DeleteAccountBody } from '@/shared/account-contract';
import { settingsKeys } from '../keys';

/** Downloads the export as the file the server names (Content-Disposition). */
export async function downloadExport(): Promise<string> {
  const response = await apiFetch('/api/account/export');
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'account-export.json';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return filename;
}

export const useDownloadExport = () => useMutation({ mutationFn: downloadExport });

export function useDeleteAccount() {
  return useMutation({
    mutationFn: async (body: DeleteAccountBody) => {
      // A wrong password answers 401 without ending the session: stay signed in and say so.
      await apiFetch('/api/account', { method: 'DELETE', json: body, keepSessionOn401: true });
    },
  });
}

/**
 * Forgets the deleted account's session in this browser (the server already ended it). Called
 * after leaving the private page, so the route guard does not send the visitor to sign in.
 */
export async function forgetDeletedSession(): Promise<void> {
  await supabase.auth.signOut({ scope: 'local' });
}

export function useChangeEmail() {
  return useMutation({
    mutationFn: async (email: string) => {
      const { error } = await supabase.auth.updateUser(
        { email },
        { emailRedirectTo: `${window.location.origin}/settings` },
      );
      if (error) throw error;
    },
  });
}

const eventRow = z.object({
  id: z.string(),
  action: z.string(),
  ip: z.string().nullable(),
  user_agent: z.string().nullable(),
  created_at: z.string(),
});
export type SecurityEvent = z.output<typeof eventRow>;

export function useSecurityEvents(userId: string) {
  return useQuery(
    queryOptions({
      queryKey: settingsKeys.securityEvents(userId),
      queryFn: async ({ signal }) =>
        eventRow
          .array()
          .parse(
            unwrap(
              await supabase
                .from('audit_logs')
                .select('id, action, ip, user_agent, created_at')
                .eq('actor_id', userId)
                .order('created_at', { ascending: false })
                .limit(20)
                .abortSignal(signal),
            ),
          ),
    }),
  );
}
