import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiJson } from '@/lib/api-client';
import { teamRunKeys } from '../keys';

const cancelledSchema = z.object({ run: z.object({ id: z.string(), status: z.string() }) });

export const cancelTeamRun = (runId: string) =>
  apiJson(`/api/agents/team-run/${encodeURIComponent(runId)}/cancel`, cancelledSchema, { method: 'POST' });

export function useCancelTeamRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelTeamRun,
    onSuccess: async (_, runId) => {
      await queryClient.invalidateQueries({ queryKey: teamRunKeys.detail(runId) });
      await queryClient.invalidateQueries({ queryKey: teamRunKeys.list() });
    },
  });
}
