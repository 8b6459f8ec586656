import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiJson } from '@/lib/api-client';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { workflowKeys } from '../keys';

const hookRowSchema = z.object({ token_hint: z.string(), signed: z.boolean(), created_at: z.string() });
export type WebhookRow = z.infer<typeof hookRowSchema>;
const madeSchema = z.object({
  webhook: z.object({
    token: z.string(),
    path: z.string(),
    token_hint: z.string(),
    secret: z.string().nullable(),
  }),
});
export type WebhookMade = z.infer<typeof madeSchema>['webhook'];

const hookKey = (workflowId: string) => [...workflowKeys.all, 'webhook', workflowId] as const;

export function useWebhook(workflowId: string) {
  return useQuery(
    queryOptions({
      queryKey: hookKey(workflowId),
      queryFn: async ({ signal }) => {
        const rows = hookRowSchema
          .array()
          .parse(
            unwrap(
              await supabase
                .from('workflow_webhooks')
                .select('token_hint, signed, created_at')
                .eq('workflow_id', workflowId)
                .abortSignal(signal),
            ),
          );
        return rows[0] ?? null;
      },
    }),
  );
}

export function useWebhookMutations(workflowId: string) {
  const queryClient = useQueryClient();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: hookKey(workflowId) });
  const make = useMutation({
    mutationFn: async (signed: boolean) =>
      (
        await apiJson(`/api/workflows/${encodeURIComponent(workflowId)}/webhook`, madeSchema, {
          method: 'POST',
          json: { signed },
        })
      ).webhook,
    onSuccess: invalidate,
  });
  const revoke = useMutation({
    mutationFn: async () => {
      unwrap(await supabase.from('workflow_webhooks').delete().eq('workflow_id', workflowId));
    },
    onSuccess: invalidate,
  });
  return { make, revoke };
}
