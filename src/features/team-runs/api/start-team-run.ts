import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiJson } from '@/lib/api-client';
import { sharedQueryKeys } from '@/lib/query-keys';
import { runStatuses, type TeamRunRequest } from '@/shared/runs-contract';
import { teamRunKeys } from '../keys';

const createdSchema = z.object({
  run: z.object({ id: z.string(), status: z.enum(runStatuses), budget_credits: z.number() }),
});

export const startTeamRun = (body: TeamRunRequest) =>
  apiJson('/api/agents/team-run', createdSchema, { method: 'POST', json: body });

export function useStartTeamRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startTeamRun,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: teamRunKeys.list() }),
        // The budget is held from the balance at once.
        queryClient.invalidateQueries({ queryKey: sharedQueryKeys.creditBalance }),
      ]);
    },
  });
}
