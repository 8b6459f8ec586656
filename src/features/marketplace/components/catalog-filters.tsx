import { useEffect, useState } from 'react';
import { Field, Input, Select } from '@/components/ui';
import { useCategories } from '../api/get-categories';
import { formatCategory } from '../format';
import { sortOptions, type CatalogParams } from '../schemas';

interface CatalogFiltersProps {
  params: CatalogParams;
  onChange: (changes: Partial<CatalogParams>, options?: { replace?: boolean }) => void;
}

const searchDelayMs = 300;

export function CatalogFilters({ params, onChange }: CatalogFiltersProps) {
  const categories = useCategories();
  const [search, setSearch] = useState(params.q);
  // When the URL's search changes from elsewhere (back button, "Clear"), the box follows it.
  const [syncedQuery, setSyncedQuery] = useState(params.q);
  if (params.q !== syncedQuery) {
    setSyncedQuery(params.q);
    if (params.q !== search.trim()) setSearch(params.q);
  }

  // The URL follows the search box after a pause in typing, not on every keystroke.
  useEffect(() => {
    if (search.trim() === params.q.trim()) return;
    // Starting a search adds a history entry; refining it replaces that entry, so the back button
    // returns to the unfiltered list rather than stepping through every pause in typing.
    const timer = window.setTimeout(
      () => onChange({ q: search }, { replace: params.q !== '' }),
      searchDelayMs,
    );
    return () => window.clearTimeout(timer);
  }, [search, params.q, onChange]);

  const categoryOptions = (categories.data ?? []).map((category) => ({
    value: category,
    label: formatCategory(category),
  }));
  // A category from a shared link stays selectable while the list loads.
  if (params.category && !categoryOptions.some((option) => option.value === params.category)) {
    categoryOptions.push({ value: params.category, label: formatCategory(params.category) });
  }

  return (
    <form
      className="catalog-filters"
      role="search"
      aria-label="Search the marketplace"
      onSubmit={(event) => {
        event.preventDefault();
        onChange({ q: search });
      }}
    >
      <Field label="Search" className="catalog-filters__search">
        <Input
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          placeholder="Name, role or skill, e.g. SEO"
          autoComplete="off"
        />
      </Field>
      <Field label="Category">
        <Select
          options={categoryOptions}
          placeholder="All categories"
          value={params.category}
          onValueChange={(category) => onChange({ category })}
        />
      </Field>
      <Field label="Sort by">
        <Select
          options={sortOptions}
          value={params.sort}
          onValueChange={(sort) => sort && onChange({ sort })}
        />
      </Field>
    </form>
  );
}
