import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { supabase } from '@/lib/supabase';
import { toDataError, unwrap } from '@/lib/supabase-result';
import { billingKeys } from '../keys';
import { describeUsage } from './describe-usage';
import { kindsByFilter, ledgerRowSchema, type LedgerFilter, type LedgerRow } from '../schemas';

export const ledgerPageSize = 20;
/** CSV export cap: a year of heavy use; beyond it, support exports from the database. */
export const ledgerExportLimit = 10_000;

function ledgerQuery(userId: string, filter: LedgerFilter, count?: 'exact') {
  const query = supabase
    .from('credit_ledger')
    .select(
      'id, created_at, kind, bucket, amount, balance_after, request_id, source',
      count ? { count } : undefined,
    )
    .eq('user_id', userId)
    .order('created_at', { ascending: false })
    .order('id', { ascending: false });
  return filter === 'all' ? query : query.in('kind', kindsByFilter[filter]);
}

export async function getLedgerPage(
  userId: string,
  filter: LedgerFilter,
  page: number,
  signal?: AbortSignal,
): Promise<{ rows: LedgerRow[]; total: number }> {
  let query = ledgerQuery(userId, filter, 'exact').range(
    (page - 1) * ledgerPageSize,
    page * ledgerPageSize - 1,
  );
  if (signal) query = query.abortSignal(signal);
  const { data, error, count, status } = await query;
  if (error) throw toDataError(error, status);
  const rows = ledgerRowSchema.array().parse(data);
  const usageIds = rows.flatMap((row) => (row.kind === 'usage' && row.requestId ? [row.requestId] : []));
  const purposes = await describeUsage(usageIds, signal);
  return {
    rows: rows.map((row) => ({ ...row, purpose: (row.requestId && purposes.get(row.requestId)) || null })),
    total: count ?? 0,
  };
}

/** Every row of the filter, newest first, for the CSV export. */
export async function getLedgerForExport(userId: string, filter: LedgerFilter): Promise<LedgerRow[]> {
  return ledgerRowSchema.array().parse(unwrap(await ledgerQuery(userId, filter).limit(ledgerExportLimit)));
}

export const ledgerQueryOptions = (userId: string, filter: LedgerFilter, page: number) =>
  queryOptions({
    queryKey: billingKeys.ledger(userId, filter, page),
    queryFn: ({ signal }) => getLedgerPage(userId, filter, page, signal),
    placeholderData: keepPreviousData,
  });

export const useLedger = (userId: string, filter: LedgerFilter, page: number) =>
  useQuery(ledgerQueryOptions(userId, filter, page));
