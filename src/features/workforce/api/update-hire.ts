/**
 * Changes to a hire: pause or resume it, upgrade its pinned version, or remove it. Each one shows
 * its result at once on the workforce page (optimistic), rolls back if the server refuses, then
 * refreshes every view of hires and of catalog counts.
 */
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useToast } from '@/components/ui';
import { sharedQueryKeys } from '@/lib/query-keys';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { workforceKeys } from '../keys';
import type { HiredEmployee } from '../schemas';

export async function setHireActive(hireId: string, isActive: boolean): Promise<void> {
  unwrap(await supabase.from('purchased_employees').update({ is_active: isActive }).eq('id', hireId));
}

export async function upgradeHire(hireId: string): Promise<void> {
  unwrap(await supabase.rpc('upgrade_hire', { p_hire_id: hireId }));
}

export async function removeHire(hireId: string): Promise<void> {
  unwrap(await supabase.from('purchased_employees').delete().eq('id', hireId));
}

type Edit = (hires: HiredEmployee[]) => HiredEmployee[];

/** Applies `edit` to the cached workforce and returns how to undo it. */
async function applyOptimistically(queryClient: QueryClient, edit: Edit) {
  const key = workforceKeys.list();
  await queryClient.cancelQueries({ queryKey: key });
  const previous = queryClient.getQueryData<HiredEmployee[]>(key);
  if (previous) queryClient.setQueryData(key, edit(previous));
  return () => queryClient.setQueryData(key, previous);
}

const refreshHires = (queryClient: QueryClient) =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: sharedQueryKeys.hires }),
    queryClient.invalidateQueries({ queryKey: sharedQueryKeys.catalog }),
  ]);

const updateHire =
  (hireId: string, change: (hire: HiredEmployee) => HiredEmployee): Edit =>
  (hires) =>
    hires.map((hire) => (hire.hireId === hireId ? change(hire) : hire));

export function useSetHireActive() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: ({ hireId, isActive }: { hireId: string; isActive: boolean; name: string }) =>
      setHireActive(hireId, isActive),
    onMutate: ({ hireId, isActive }) =>
      applyOptimistically(
        queryClient,
        updateHire(hireId, (hire) => ({ ...hire, isActive })),
      ),
    onError: (_error, _variables, undo) => undo?.(),
    onSuccess: (_result, { isActive, name }) =>
      toast.success(isActive ? `${name} is active again` : `${name} is paused`),
    onSettled: () => refreshHires(queryClient),
  });
}

export function useUpgradeHire() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: ({ hireId }: { hireId: string; name: string }) => upgradeHire(hireId),
    onMutate: ({ hireId }) =>
      applyOptimistically(
        queryClient,
        updateHire(hireId, (hire) => ({
          ...hire,
          pinned: hire.newerVersions.at(-1) ?? hire.pinned,
          newerVersions: [],
        })),
      ),
    onError: (_error, _variables, undo) => undo?.(),
    onSuccess: (_result, { name }) => toast.success(`${name} is on the latest version`),
    onSettled: () => refreshHires(queryClient),
  });
}

export function useRemoveHire() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: ({ hireId }: { hireId: string; name: string }) => removeHire(hireId),
    onMutate: ({ hireId }) =>
      applyOptimistically(queryClient, (hires) => hires.filter((hire) => hire.hireId !== hireId)),
    onError: (_error, _variables, undo) => undo?.(),
    onSuccess: (_result, { name }) => toast.success(`${name} was removed from your workforce`),
    onSettled: () => refreshHires(queryClient),
  });
}
