import { queryOptions, useQuery } from '@tanstack/react-query';
import { supabase } from '@/lib/supabase';
import { toDataError } from '@/lib/supabase-result';
import { dashboardKeys } from '../keys';
import { usageRowSchema, type UsageRow } from '../schemas';
import { summariseUsage, windowStart, type UsageSummary } from '../usage-summary';

export const usageWindowDays = 30;
/** PostgREST (hosted Supabase) answers at most 1,000 rows per request: read in pages of that. */
const pageSize = 1000;
/**
 * Aggregated in the browser, so the read is bounded: 20,000 calls in 30 days is heavy use. Past
 * it the dashboard says the figures are partial instead of hanging on a huge download.
 */
export const usageRowLimit = 20_000;

export interface DashboardUsage extends UsageSummary {
  /** True when the window held more calls than `usageRowLimit` and older ones were left out. */
  truncated: boolean;
}

/** The caller's model calls of the last `days` days (local calendar days), summed by day and model. */
export async function getDashboardUsage(
  userId: string,
  days: number,
  signal?: AbortSignal,
): Promise<DashboardUsage> {
  const now = new Date();
  const since = windowStart(days, now).toISOString();
  const rows: UsageRow[] = [];
  for (let from = 0; from < usageRowLimit; from += pageSize) {
    let query = supabase
      .from('token_usage')
      .select('created_at, provider, model, credits_charged, input_tokens, output_tokens, cached_tokens')
      .eq('user_id', userId)
      .gte('created_at', since)
      .order('created_at', { ascending: false })
      .order('id', { ascending: false })
      .range(from, from + pageSize - 1);
    if (signal) query = query.abortSignal(signal);
    const { data, error, status } = await query;
    if (error) throw toDataError(error, status);
    rows.push(...usageRowSchema.array().parse(data));
    if (data.length < pageSize) return { ...summariseUsage(rows, days, now), truncated: false };
  }
  return { ...summariseUsage(rows, days, now), truncated: true };
}

export const dashboardUsageQueryOptions = (userId: string, days = usageWindowDays) =>
  queryOptions({
    queryKey: dashboardKeys.usage(userId, days),
    queryFn: ({ signal }) => getDashboardUsage(userId, days, signal),
  });

export const useDashboardUsage = (userId: string, days = usageWindowDays) =>
  useQuery(dashboardUsageQueryOptions(userId, days));
