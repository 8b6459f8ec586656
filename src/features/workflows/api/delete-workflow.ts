import { useMutation, useQueryClient } from '@tanstack/react-query';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { workflowKeys } from '../keys';

/** Deletes the workflow with its versions and schedules (RLS: the owner's). Past runs' charges stay in the ledger. */
export async function deleteWorkflow(id: string): Promise<void> {
  unwrap(await supabase.from('automation_workflows').delete().eq('id', id));
}

export function useDeleteWorkflow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteWorkflow,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workflowKeys.all }),
  });
}
