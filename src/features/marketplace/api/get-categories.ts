import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { marketplaceKeys } from '../keys';

/** The categories that have at least one published employee, alphabetically. */
export async function getCategories(signal?: AbortSignal): Promise<string[]> {
  let query = supabase.from('ai_employee_catalog').select('category');
  if (signal) query = query.abortSignal(signal);
  const rows = z.array(z.object({ category: z.string() })).parse(unwrap(await query));
  return [...new Set(rows.map((row) => row.category))].sort();
}

export const categoriesQueryOptions = () =>
  queryOptions({
    queryKey: marketplaceKeys.categories(),
    queryFn: ({ signal }) => getCategories(signal),
    staleTime: 10 * 60_000,
  });

export function useCategories() {
  return useQuery(categoriesQueryOptions());
}
