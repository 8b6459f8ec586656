import { queryOptions, useQuery } from '@tanstack/react-query';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { dashboardKeys } from '../keys';
import { activityRowSchema, type ActivityRow } from '../schemas';

const recentCount = 8;

/** The caller's latest credit movements (the full, filterable ledger is on the billing page). */
export async function getDashboardActivity(userId: string, signal?: AbortSignal): Promise<ActivityRow[]> {
  let query = supabase
    .from('credit_ledger')
    .select('id, created_at, kind, bucket, amount')
    .eq('user_id', userId)
    .order('created_at', { ascending: false })
    .order('id', { ascending: false })
    .limit(recentCount);
  if (signal) query = query.abortSignal(signal);
  return activityRowSchema.array().parse(unwrap(await query));
}

export const dashboardActivityQueryOptions = (userId: string) =>
  queryOptions({
    queryKey: dashboardKeys.activity(userId),
    queryFn: ({ signal }) => getDashboardActivity(userId, signal),
  });

export const useDashboardActivity = (userId: string) => useQuery(dashboardActivityQueryOptions(userId));
