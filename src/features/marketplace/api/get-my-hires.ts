import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { useSession } from '@/lib/auth';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { marketplaceKeys } from '../keys';

const hireSchema = z
  .object({ id: z.string(), employee_id: z.string(), is_active: z.boolean() })
  .transform((row) => ({ id: row.id, employeeId: row.employee_id, isActive: row.is_active }));

export type HireSummary = z.output<typeof hireSchema>;

/** The signed-in user's hires, to mark employees as hired across the marketplace. */
export async function getMyHires(signal?: AbortSignal): Promise<HireSummary[]> {
  let query = supabase.from('purchased_employees').select('id, employee_id, is_active');
  if (signal) query = query.abortSignal(signal);
  return hireSchema.array().parse(unwrap(await query));
}

export const myHiresQueryOptions = () =>
  queryOptions({
    queryKey: marketplaceKeys.myHires(),
    queryFn: ({ signal }) => getMyHires(signal),
  });

/** The hire of one employee by the signed-in user; undefined when signed out or not hired. */
export function useMyHire(employeeId: string) {
  const { status } = useSession();
  const query = useQuery({ ...myHiresQueryOptions(), enabled: status === 'signed-in' });
  return { ...query, hire: query.data?.find((hire) => hire.employeeId === employeeId) };
}
