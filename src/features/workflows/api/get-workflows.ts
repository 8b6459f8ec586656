import { queryOptions, useQuery } from '@tanstack/react-query';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { workflowKeys } from '../keys';
import { workflowRowSchema, type WorkflowRow } from '../schemas';

export const workflowColumns = 'id, name, description, version, current_version_id, updated_at';

/** The caller's workflows, last edited first (RLS: their own). */
export async function getWorkflows(signal?: AbortSignal): Promise<WorkflowRow[]> {
  let query = supabase
    .from('automation_workflows')
    .select(workflowColumns)
    .order('updated_at', { ascending: false });
  if (signal) query = query.abortSignal(signal);
  return workflowRowSchema.array().parse(unwrap(await query));
}

export function useWorkflows() {
  return useQuery(
    queryOptions({ queryKey: workflowKeys.list(), queryFn: ({ signal }) => getWorkflows(signal) }),
  );
}
