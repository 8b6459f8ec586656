import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { sortOptions, type CatalogParams, type CatalogSort } from '../schemas';

const defaultSort: CatalogSort = 'rating';
const isSort = (value: string | null): value is CatalogSort =>
  sortOptions.some((option) => option.value === value);

/**
 * The marketplace's search, filter, sort and page live in the URL, so results can be shared,
 * bookmarked and restored with the back button. Changing a filter goes back to page 1.
 */
export function useCatalogParams() {
  const [searchParams, setSearchParams] = useSearchParams();

  const params = useMemo<CatalogParams>(() => {
    const sort = searchParams.get('sort');
    const page = Number(searchParams.get('page'));
    return {
      q: searchParams.get('q') ?? '',
      category: searchParams.get('category') ?? '',
      sort: isSort(sort) ? sort : defaultSort,
      page: Number.isInteger(page) && page > 1 ? page : 1,
    };
  }, [searchParams]);

  const update = useCallback(
    (changes: Partial<CatalogParams>, options: { replace?: boolean } = {}) => {
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current);
          const merged = { ...params, ...changes, page: changes.page ?? 1 };
          const values: Record<string, string> = {
            q: merged.q.trim(),
            category: merged.category,
            sort: merged.sort === defaultSort ? '' : merged.sort,
            page: merged.page > 1 ? String(merged.page) : '',
          };
          for (const [key, value] of Object.entries(values)) {
            if (value) next.set(key, value);
            else next.delete(key);
          }
          return next;
        },
        { replace: options.replace ?? false },
      );
    },
    [params, setSearchParams],
  );

  return [params, update] as const;
}
