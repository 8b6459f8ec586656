import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiClientError } from '@/lib/api-client';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { teamRunKeys } from '../keys';
import { conversationSchema, runRowSchema, stepRowSchema, type TeamRunDetail } from '../schemas';
import { runColumns } from './get-team-runs';

const stepColumns =
  'key, kind, position, status, attempt, input, output, error, provider, model, input_tokens, output_tokens, credits_charged, latency_ms, estimated';

/** One run with its task and steps; 404 when it is not the caller's (RLS hides it). */
export async function getTeamRun(runId: string, signal?: AbortSignal): Promise<TeamRunDetail> {
  const withSignal = <Q extends { abortSignal: (signal: AbortSignal) => Q }>(query: Q) =>
    signal ? query.abortSignal(signal) : query;
  const [runs, conversations, steps] = await Promise.all([
    withSignal(supabase.from('runs').select(runColumns).eq('id', runId)),
    withSignal(supabase.from('multi_agent_conversations').select('task, result, status').eq('id', runId)),
    withSignal(supabase.from('run_steps').select(stepColumns).eq('run_id', runId).order('position')),
  ]);
  const run = runRowSchema.array().parse(unwrap(runs))[0];
  const conversation = conversationSchema.array().parse(unwrap(conversations))[0];
  if (!run || !conversation)
    throw new ApiClientError({ status: 404, code: 'NOT_FOUND', message: 'This team run does not exist.' });
  return { run, task: conversation.task, steps: stepRowSchema.array().parse(unwrap(steps)) };
}

export const teamRunQueryOptions = (runId: string) =>
  queryOptions({
    queryKey: teamRunKeys.detail(runId),
    queryFn: ({ signal }) => getTeamRun(runId, signal),
    retry: (count, error) => !(error instanceof ApiClientError && error.status === 404) && count < 2,
  });

export function useTeamRun(runId: string) {
  return useQuery(teamRunQueryOptions(runId));
}
