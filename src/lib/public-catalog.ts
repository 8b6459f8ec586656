/**
 * The public catalog's query: one query and one cache entry for the pricing and billing pages.
 * The rows are read and checked in get-public-catalog.ts.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getPublicCatalog } from './get-public-catalog';
import { sharedQueryKeys } from './query-keys';

export { getPublicCatalog, type PricingPack, type PricingPlan } from './get-public-catalog';

export const publicCatalogQueryOptions = () =>
  queryOptions({
    queryKey: sharedQueryKeys.publicCatalog,
    queryFn: ({ signal }) => getPublicCatalog(signal),
    staleTime: 10 * 60_000,
  });

export const usePublicCatalog = () => useQuery(publicCatalogQueryOptions());
