import { sharedQueryKeys } from '@/lib/query-keys';
import type { CatalogParams } from './schemas';

export const marketplaceKeys = {
  all: sharedQueryKeys.catalog,
  lists: () => [...sharedQueryKeys.catalog, 'list'] as const,
  list: (params: CatalogParams) => [...marketplaceKeys.lists(), params] as const,
  categories: () => [...sharedQueryKeys.catalog, 'categories'] as const,
  employees: () => [...sharedQueryKeys.catalog, 'employee'] as const,
  employee: (slug: string) => [...marketplaceKeys.employees(), slug] as const,
  reviews: (employeeId: string, page: number) =>
    [...sharedQueryKeys.catalog, 'reviews', employeeId, page] as const,
  allReviews: (employeeId: string) => [...sharedQueryKeys.catalog, 'reviews', employeeId] as const,
  myReview: (employeeId: string) => [...sharedQueryKeys.catalog, 'my-review', employeeId] as const,
  /** The signed-in user's hires, keyed by employee: under the shared hires root. */
  myHires: () => [...sharedQueryKeys.hires, 'by-employee'] as const,
};
