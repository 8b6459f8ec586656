import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useToast } from '@/components/ui';
import { sharedQueryKeys } from '@/lib/query-keys';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { marketplaceKeys } from '../keys';
import type { HireSummary } from './get-my-hires';

/** Hires (or re-activates) an employee. The RPC is idempotent: hiring twice keeps one hire. */
export async function hireEmployee(employeeId: string): Promise<HireSummary> {
  const hire = unwrap(await supabase.rpc('hire_employee', { p_employee_id: employeeId }));
  return { id: hire.id, employeeId: hire.employee_id, isActive: hire.is_active };
}

/**
 * Marks the employee hired at once (optimistic), rolls back if the server refuses, and then
 * refreshes everything that shows hires or hire counts — the marketplace and the workforce.
 */
export function useHireEmployee() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const key = marketplaceKeys.myHires();

  return useMutation({
    mutationFn: ({ employeeId }: { employeeId: string; name: string }) => hireEmployee(employeeId),
    onMutate: async ({ employeeId }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<HireSummary[]>(key);
      queryClient.setQueryData<HireSummary[]>(key, (hires = []) => [
        ...hires.filter((hire) => hire.employeeId !== employeeId),
        { id: `pending-${employeeId}`, employeeId, isActive: true },
      ]);
      return { previous };
    },
    onError: (_error, _variables, context) => {
      queryClient.setQueryData(key, context?.previous);
    },
    onSuccess: (_hire, { name }) => {
      toast.success(`${name} joined your workforce`, 'Find them on the Workforce page.');
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: sharedQueryKeys.hires }),
        queryClient.invalidateQueries({ queryKey: sharedQueryKeys.catalog }),
      ]),
  });
}
