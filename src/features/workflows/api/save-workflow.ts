import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiJson } from '@/lib/api-client';
import type { SaveWorkflowRequest } from '@/shared/workflows-contract';
import { workflowKeys } from '../keys';

const savedSchema = z.object({
  workflow: z.object({ id: z.string(), name: z.string(), version: z.number(), version_id: z.string() }),
});

/** Creates the workflow (no id) or saves an edit as its next version. */
export const saveWorkflow = ({ id, body }: { id?: string; body: SaveWorkflowRequest }) =>
  id
    ? apiJson(`/api/workflows/${encodeURIComponent(id)}`, savedSchema, { method: 'PUT', json: body })
    : apiJson('/api/workflows', savedSchema, { method: 'POST', json: body });

export function useSaveWorkflow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveWorkflow,
    onSuccess: async ({ workflow }) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: workflowKeys.list() }),
        queryClient.invalidateQueries({ queryKey: workflowKeys.detail(workflow.id) }),
      ]);
    },
  });
}
