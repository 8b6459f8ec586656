import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiClientError } from '@/lib/api-client';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import type { RunStatus } from '@/shared/runs-contract';
import type { WorkflowTrigger } from '@/shared/workflows-contract';
import { workflowKeys } from '../keys';
import {
  runRowSchema,
  stepRowSchema,
  workflowRunRowSchema,
  type RunRow,
  type StepRow,
  type WorkflowRunRow,
} from '../schemas';

const runColumns =
  'id, workflow_id, version, trigger, status, credits_charged, error, inputs, replay_of, replay_from, created_at, finished_at';
const stepColumns =
  'key, position, depends_on, status, attempt, max_attempts, input, output, error, provider, model, input_tokens, output_tokens, credits_charged, latency_ms, estimated';

/** What the run history is narrowed to; empty values do not filter. */
export interface RunFilters {
  status: RunStatus | '';
  trigger: WorkflowTrigger | '';
  version: number | '';
  /** Started on or after this day / on or before this day (`YYYY-MM-DD`, the viewer's time zone). */
  from: string;
  to: string;
}

export const noRunFilters: RunFilters = { status: '', trigger: '', version: '', from: '', to: '' };

/** Midnight at the start of a local calendar day, as an instant. */
const startOfDay = (day: string, plusDays = 0) => {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year!, month! - 1, date! + plusDays).toISOString();
};

/**
 * A workflow's runs, newest first (50), filtered in the database: the filters become PostgREST
 * query filters on workflow_runs, so RLS and the database decide which rows come back.
 */
export async function getWorkflowRuns(
  workflowId: string,
  filters: RunFilters,
  signal?: AbortSignal,
): Promise<WorkflowRunRow[]> {
  let query = supabase
    .from('workflow_runs')
    .select(runColumns)
    .eq('workflow_id', workflowId)
    .order('created_at', { ascending: false })
    .limit(50);
  if (filters.status) query = query.eq('status', filters.status);
  if (filters.trigger) query = query.eq('trigger', filters.trigger);
  if (filters.version !== '') query = query.eq('version', filters.version);
  if (filters.from) query = query.gte('created_at', startOfDay(filters.from));
  if (filters.to) query = query.lt('created_at', startOfDay(filters.to, 1));
  if (signal) query = query.abortSignal(signal);
  return workflowRunRowSchema.array().parse(unwrap(await query));
}

export function useWorkflowRuns(workflowId: string, filters: RunFilters) {
  return useQuery(
    queryOptions({
      queryKey: workflowKeys.runs(workflowId, filters),
      queryFn: ({ signal }) => getWorkflowRuns(workflowId, filters, signal),
      refetchInterval: (query) => (query.state.data?.some((run) => run.status === 'running') ? 3_000 : false),
    }),
  );
}

export interface WorkflowRunDetail {
  run: RunRow;
  workflowRun: WorkflowRunRow;
  steps: StepRow[];
}

export async function getWorkflowRun(runId: string, signal?: AbortSignal): Promise<WorkflowRunDetail> {
  const withSignal = <Q extends { abortSignal: (signal: AbortSignal) => Q }>(query: Q) =>
    signal ? query.abortSignal(signal) : query;
  const [runs, workflowRuns, steps] = await Promise.all([
    withSignal(
      supabase
        .from('runs')
        .select('id, title, status, budget_credits, spent_credits, error, closed_at')
        .eq('id', runId),
    ),
    withSignal(supabase.from('workflow_runs').select(runColumns).eq('id', runId)),
    withSignal(supabase.from('run_steps').select(stepColumns).eq('run_id', runId).order('position')),
  ]);
  const run = runRowSchema.array().parse(unwrap(runs))[0];
  const workflowRun = workflowRunRowSchema.array().parse(unwrap(workflowRuns))[0];
  if (!run || !workflowRun)
    throw new ApiClientError({
      status: 404,
      code: 'NOT_FOUND',
      message: 'This workflow run does not exist.',
    });
  return { run, workflowRun, steps: stepRowSchema.array().parse(unwrap(steps)) };
}

export function useWorkflowRun(runId: string) {
  return useQuery(
    queryOptions({
      queryKey: workflowKeys.run(runId),
      queryFn: ({ signal }) => getWorkflowRun(runId, signal),
      retry: (count, error) => !(error instanceof ApiClientError && error.status === 404) && count < 2,
    }),
  );
}
