import { queryOptions, useQuery } from '@tanstack/react-query';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { dashboardKeys } from '../keys';
import { balanceRowSchema } from '../schemas';

export interface DashboardBalance {
  available: number;
  purchased: number;
  reserved: number;
  frozen: boolean;
  allowance: {
    remaining: number;
    /** What this period started with (0 when no period is running). */
    granted: number;
    used: number;
    periodEnd: string | null;
  };
}

/**
 * The caller's balance (the credit_balances view, under RLS) and the allowance granted for the
 * running period (its ledger grant). Filtered by user id too: an admin's policies show other rows.
 */
export async function getDashboardBalance(userId: string, signal?: AbortSignal): Promise<DashboardBalance> {
  const abort = signal ?? new AbortController().signal;
  const [balance, grant] = await Promise.all([
    supabase
      .from('credit_balances')
      .select(
        'allowance_balance, allowance_period_end, purchased_balance, reserved_balance, frozen, available',
      )
      .eq('user_id', userId)
      .abortSignal(abort)
      .single(),
    supabase
      .from('credit_ledger')
      .select('amount')
      .eq('user_id', userId)
      .eq('kind', 'allowance_grant')
      .order('created_at', { ascending: false })
      .limit(1)
      .abortSignal(abort)
      .maybeSingle(),
  ]);
  const row = balanceRowSchema.parse(unwrap(balance));
  // The view reports a lapsed allowance as 0; its grant then no longer describes this period.
  const running = row.allowance_period_end !== null && new Date(row.allowance_period_end) > new Date();
  const granted = running ? Number(unwrap(grant)?.amount ?? 0) : 0;
  return {
    available: row.available,
    purchased: row.purchased_balance,
    reserved: row.reserved_balance,
    frozen: row.frozen,
    allowance: {
      remaining: row.allowance_balance,
      granted,
      used: Math.max(0, granted - row.allowance_balance),
      periodEnd: running ? row.allowance_period_end : null,
    },
  };
}

export const dashboardBalanceQueryOptions = (userId: string) =>
  queryOptions({
    queryKey: dashboardKeys.balance(userId),
    queryFn: ({ signal }) => getDashboardBalance(userId, signal),
  });

export const useDashboardBalance = (userId: string) => useQuery(dashboardBalanceQueryOptions(userId));
