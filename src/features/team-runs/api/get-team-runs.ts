import { queryOptions, useQuery } from '@tanstack/react-query';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { teamRunKeys } from '../keys';
import { runRowSchema, type RunRow } from '../schemas';

const columns = 'id, title, status, budget_credits, spent_credits, error, created_at, finished_at, closed_at';

/** The caller's team runs, newest first (RLS: their own). */
export async function getTeamRuns(signal?: AbortSignal): Promise<RunRow[]> {
  let query = supabase
    .from('runs')
    .select(columns)
    .eq('kind', 'team_run')
    .order('created_at', { ascending: false })
    .limit(50);
  if (signal) query = query.abortSignal(signal);
  return runRowSchema.array().parse(unwrap(await query));
}

export function useTeamRuns() {
  return useQuery(
    queryOptions({
      queryKey: teamRunKeys.list(),
      queryFn: ({ signal }) => getTeamRuns(signal),
      // Running runs change status and cost; a light refresh keeps the list honest.
      refetchInterval: (query) => (query.state.data?.some((run) => run.status === 'running') ? 3_000 : false),
    }),
  );
}

export { columns as runColumns };
