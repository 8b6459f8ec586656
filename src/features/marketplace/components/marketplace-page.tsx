import { Button, EmptyState, ErrorState, Pagination } from '@/components/ui';
import { useDocumentTitle } from '@/lib/use-document-title';
import { catalogPageSize, useCatalog } from '../api/get-catalog';
import { useCatalogParams } from '../hooks/use-catalog-params';
import '../marketplace.css';
import { CatalogFilters } from './catalog-filters';
import { EmployeeCard, EmployeeCardSkeleton } from './employee-card';

export function MarketplacePage() {
  useDocumentTitle('Marketplace');
  const [params, update] = useCatalogParams();
  const catalog = useCatalog(params);
  const pageCount = catalog.data ? Math.ceil(catalog.data.total / catalogPageSize) : 0;
  const filtered = params.q !== '' || params.category !== '';

  return (
    <div className="page container">
      <header className="page-header">
        <div>
          <h1>AI employee marketplace</h1>
          <p className="page-header__lead">
            Specialists for every team. Read what each one does and what other users say, then hire in one
            click.
          </p>
        </div>
      </header>

      <CatalogFilters params={params} onChange={update} />

      <section aria-labelledby="results-heading" aria-busy={catalog.isFetching}>
        <h2 id="results-heading" className="visually-hidden">
          Results
        </h2>
        {catalog.isPending ? (
          <ul className="employee-grid" aria-label="Loading AI employees">
            {Array.from({ length: 6 }, (_, index) => (
              <EmployeeCardSkeleton key={index} />
            ))}
          </ul>
        ) : catalog.isError ? (
          <ErrorState
            error={catalog.error}
            title="The marketplace could not be loaded"
            onRetry={() => void catalog.refetch()}
            retrying={catalog.isFetching}
          />
        ) : catalog.data.employees.length === 0 ? (
          params.page > 1 && catalog.data.total === 0 && !filtered ? (
            <EmptyState
              title="This page is past the end of the list"
              action={<Button onClick={() => update({ page: 1 })}>Go to the first page</Button>}
            />
          ) : (
            <EmptyState
              title={filtered ? 'No AI employees match your search' : 'No AI employees are listed yet'}
              description={
                filtered ? 'Try another word or skill, or look in all categories.' : 'Check back soon.'
              }
              action={
                filtered ? (
                  <Button variant="secondary" onClick={() => update({ q: '', category: '' })}>
                    Clear search and filters
                  </Button>
                ) : undefined
              }
            />
          )
        ) : (
          <>
            <p className="results-summary" aria-live="polite">
              {catalog.data.total === 1 ? '1 AI employee' : `${catalog.data.total} AI employees`}
              {filtered ? ' match' : ''}
            </p>
            <ul className="employee-grid">
              {catalog.data.employees.map((employee) => (
                <EmployeeCard key={employee.id} employee={employee} />
              ))}
            </ul>
            <Pagination
              page={params.page}
              pageCount={pageCount}
              onPageChange={(page) => {
                update({ page });
                window.scrollTo({ top: 0 });
              }}
              label="Marketplace pages"
            />
          </>
        )}
      </section>
    </div>
  );
}
