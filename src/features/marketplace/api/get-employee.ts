import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiClientError } from '@/lib/api-client-error';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { marketplaceKeys } from '../keys';
import { catalogColumns, catalogEmployeeSchema, type CatalogEmployee } from '../schemas';

/** A published employee by slug; rejects with NOT_FOUND when there is none. */
export async function getEmployee(slug: string, signal?: AbortSignal): Promise<CatalogEmployee> {
  let query = supabase.from('ai_employee_catalog').select(catalogColumns).eq('slug', slug);
  if (signal) query = query.abortSignal(signal);
  const row = unwrap(await query.maybeSingle());
  if (!row) {
    throw new ApiClientError({
      status: 404,
      code: 'NOT_FOUND',
      message: 'This AI employee does not exist or is no longer listed.',
    });
  }
  return catalogEmployeeSchema.parse(row);
}

export const employeeQueryOptions = (slug: string) =>
  queryOptions({
    queryKey: marketplaceKeys.employee(slug),
    queryFn: ({ signal }) => getEmployee(slug, signal),
  });

export function useEmployee(slug: string) {
  return useQuery(employeeQueryOptions(slug));
}
