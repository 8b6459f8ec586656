import { useState } from 'react';
import {
  Button,
  Card,
  EmptyState,
  ErrorState,
  Pagination,
  Select,
  Skeleton,
  useToast,
} from '@/components/ui';
import { getLedgerForExport, ledgerPageSize, useLedger } from '../api/get-ledger';
import { formatCreditsExact, formatDateTime, ledgerKindLabels } from '../format';
import { ledgerToCsv } from '../ledger-csv';
import { ledgerFilters, type LedgerFilter } from '../schemas';

const filterLabels: Record<LedgerFilter, string> = {
  all: 'All activity',
  grants: 'Allowance grants',
  purchases: 'Purchases',
  usage: 'Usage',
  refunds: 'Refunds',
};

function download(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  link.click();
  URL.revokeObjectURL(url);
}

/** The credit ledger: every grant, purchase, use and refund, filterable and exportable. */
export function LedgerSection({ userId }: { userId: string }) {
  const [filter, setFilter] = useState<LedgerFilter>('all');
  const [page, setPage] = useState(1);
  const [exporting, setExporting] = useState(false);
  const ledger = useLedger(userId, filter, page);
  const toast = useToast();
  const pageCount = ledger.data ? Math.max(1, Math.ceil(ledger.data.total / ledgerPageSize)) : 1;

  const exportCsv = async () => {
    setExporting(true);
    try {
      const rows = await getLedgerForExport(userId, filter);
      download(`credit-ledger-${filter}-${new Date().toISOString().slice(0, 10)}.csv`, ledgerToCsv(rows));
    } catch (error) {
      toast.error(error);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Card
      as="section"
      title="Credit ledger"
      actions={
        <div className="ledger-actions">
          <Select
            aria-label="Show"
            options={ledgerFilters.map((value) => ({ value, label: filterLabels[value] }))}
            value={filter}
            onValueChange={(value) => {
              setFilter(value || 'all');
              setPage(1);
            }}
          />
          <Button variant="secondary" onClick={() => void exportCsv()} loading={exporting}>
            Export CSV
          </Button>
        </div>
      }
    >
      {ledger.isPending ? (
        <Skeleton className="ledger-skeleton" />
      ) : ledger.isError ? (
        <ErrorState
          error={ledger.error}
          title="The ledger could not be loaded"
          onRetry={() => void ledger.refetch()}
          retrying={ledger.isFetching}
        />
      ) : ledger.data.rows.length === 0 ? (
        <EmptyState
          title="Nothing here yet"
          description="Grants, purchases, usage and refunds appear here as they happen."
          headingLevel="h3"
        />
      ) : (
        <>
          <div className="table-scroll">
            <table className="ledger-table" aria-busy={ledger.isFetching}>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">What</th>
                  <th scope="col">Bucket</th>
                  <th scope="col" className="numeric">
                    Credits
                  </th>
                  <th scope="col" className="numeric">
                    Balance after
                  </th>
                </tr>
              </thead>
              <tbody>
                {ledger.data.rows.map((row) => (
                  <tr key={row.id}>
                    <td data-label="Date">
                      <time dateTime={row.createdAt}>{formatDateTime(row.createdAt)}</time>
                    </td>
                    <td data-label="What">
                      {ledgerKindLabels[row.kind] ?? row.kind}
                      {typeof row.source.shortfall === 'number' && row.source.shortfall > 0
                        ? ' (partly spent)'
                        : ''}
                      {row.purpose && <span className="ledger-table__purpose">{row.purpose}</span>}
                    </td>
                    <td data-label="Bucket">{row.bucket === 'allowance' ? 'Allowance' : 'Purchased'}</td>
                    <td
                      data-label="Credits"
                      className={`numeric ${row.amount < 0 ? 'negative' : 'positive'}`}
                    >
                      {row.amount > 0 ? '+' : ''}
                      {formatCreditsExact(row.amount)}
                    </td>
                    <td data-label="Balance after" className="numeric">
                      {formatCreditsExact(row.balanceAfter)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pageCount > 1 && (
            <Pagination page={page} pageCount={pageCount} onPageChange={setPage} label="Ledger pages" />
          )}
        </>
      )}
    </Card>
  );
}
