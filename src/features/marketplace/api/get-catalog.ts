import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { supabase } from '@/lib/supabase';
import { toDataError } from '@/lib/supabase-result';
import { marketplaceKeys } from '../keys';
import { catalogColumns, catalogEmployeeSchema, type CatalogEmployee, type CatalogParams } from '../schemas';
import { ilikePattern } from '@/lib/ilike-pattern';

export const catalogPageSize = 12;

export interface CatalogPage {
  employees: CatalogEmployee[];
  /** Matching employees on all pages. */
  total: number;
}

export async function getCatalog(params: CatalogParams, signal?: AbortSignal): Promise<CatalogPage> {
  let query = supabase.from('ai_employee_catalog').select(catalogColumns, { count: 'exact' });
  if (params.category) query = query.eq('category', params.category);
  const search = ilikePattern(params.q);
  if (search) query = query.ilike('search_text', search);

  switch (params.sort) {
    case 'rating':
      query = query
        .order('avg_rating', { ascending: false, nullsFirst: false })
        .order('review_count', { ascending: false });
      break;
    case 'popularity':
      query = query.order('hire_count', { ascending: false });
      break;
    case 'newest':
      query = query.order('created_at', { ascending: false });
      break;
  }
  // A total order, so that pages neither repeat nor skip employees with equal ranks.
  query = query.order('name').order('id');

  const from = (params.page - 1) * catalogPageSize;
  if (signal) query = query.abortSignal(signal);
  const { data, error, count, status } = await query.range(from, from + catalogPageSize - 1);
  if (error) {
    // PGRST103: the page starts past the last result (e.g. a shared link after the catalog shrank).
    if (error.code === 'PGRST103') return { employees: [], total: 0 };
    throw toDataError(error, status);
  }
  return { employees: catalogEmployeeSchema.array().parse(data), total: count ?? data.length };
}

export const catalogQueryOptions = (params: CatalogParams) =>
  queryOptions({
    queryKey: marketplaceKeys.list(params),
    queryFn: ({ signal }) => getCatalog(params, signal),
    // Keep the current page on screen while the next one loads, instead of flashing skeletons.
    placeholderData: keepPreviousData,
  });

export function useCatalog(params: CatalogParams) {
  return useQuery(catalogQueryOptions(params));
}
