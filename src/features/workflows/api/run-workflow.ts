import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiJson } from '@/lib/api-client';
import { sharedQueryKeys } from '@/lib/query-keys';
import type { ReplayWorkflowRunRequest, RunWorkflowRequest } from '@/shared/workflows-contract';
import { workflowKeys } from '../keys';

const createdSchema = z.object({
  run: z.object({ id: z.string(), workflow_id: z.string(), version: z.number(), budget_credits: z.number() }),
});
const cancelledSchema = z.object({ run: z.object({ id: z.string(), status: z.string() }) });

export const runWorkflow = ({ id, body }: { id: string; body: RunWorkflowRequest }) =>
  apiJson(`/api/workflows/${encodeURIComponent(id)}/run`, createdSchema, { method: 'POST', json: body });

export const replayWorkflowRun = ({ runId, body }: { runId: string; body: ReplayWorkflowRunRequest }) =>
  apiJson(`/api/workflows/runs/${encodeURIComponent(runId)}/replay`, createdSchema, {
    method: 'POST',
    json: body,
  });

export const cancelWorkflowRun = (runId: string) =>
  apiJson(`/api/workflows/runs/${encodeURIComponent(runId)}/cancel`, cancelledSchema, { method: 'POST' });

function useRunStarted() {
  const queryClient = useQueryClient();
  return async (workflowId: string) => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: workflowKeys.allRuns(workflowId) }),
      // The budget is held from the balance at once.
      queryClient.invalidateQueries({ queryKey: sharedQueryKeys.creditBalance }),
    ]);
  };
}

export function useRunWorkflow() {
  const started = useRunStarted();
  return useMutation({ mutationFn: runWorkflow, onSuccess: ({ run }) => started(run.workflow_id) });
}

export function useReplayWorkflowRun() {
  const started = useRunStarted();
  return useMutation({ mutationFn: replayWorkflowRun, onSuccess: ({ run }) => started(run.workflow_id) });
}

export function useCancelWorkflowRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelWorkflowRun,
    onSuccess: (_, runId) => queryClient.invalidateQueries({ queryKey: workflowKeys.run(runId) }),
  });
}
