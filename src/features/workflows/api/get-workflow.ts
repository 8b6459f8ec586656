import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiClientError } from '@/lib/api-client';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { workflowKeys } from '../keys';
import { versionRowSchema, workflowRowSchema, type VersionRow, type WorkflowRow } from '../schemas';
import { workflowColumns } from './get-workflows';

export interface WorkflowDetail {
  workflow: WorkflowRow;
  /** Newest first. */
  versions: VersionRow[];
}

/** A workflow with its versions; 404 when it is not the caller's (RLS hides it). */
export async function getWorkflow(id: string, signal?: AbortSignal): Promise<WorkflowDetail> {
  const withSignal = <Q extends { abortSignal: (signal: AbortSignal) => Q }>(query: Q) =>
    signal ? query.abortSignal(signal) : query;
  const [workflows, versions] = await Promise.all([
    withSignal(supabase.from('automation_workflows').select(workflowColumns).eq('id', id)),
    withSignal(
      supabase
        .from('automation_workflow_versions')
        .select('id, version, definition, created_at')
        .eq('workflow_id', id)
        .order('version', { ascending: false }),
    ),
  ]);
  const workflow = workflowRowSchema.array().parse(unwrap(workflows))[0];
  if (!workflow)
    throw new ApiClientError({ status: 404, code: 'NOT_FOUND', message: 'This workflow does not exist.' });
  return { workflow, versions: versionRowSchema.array().parse(unwrap(versions)) };
}

export const workflowQueryOptions = (id: string) =>
  queryOptions({
    queryKey: workflowKeys.detail(id),
    queryFn: ({ signal }) => getWorkflow(id, signal),
    retry: (count, error) => !(error instanceof ApiClientError && error.status === 404) && count < 2,
  });

export function useWorkflow(id: string, enabled = true) {
  return useQuery({ ...workflowQueryOptions(id), enabled });
}
