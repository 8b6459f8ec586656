import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { billingKeys } from '../keys';
import { subscriptionSchema } from '../schemas';

const credits = z.union([z.number(), z.string()]).transform(Number);

const balanceSchema = z.object({
  allowance_balance: credits,
  allowance_period_start: z.string().nullable(),
  allowance_period_end: z.string().nullable(),
  purchased_balance: credits,
  reserved_balance: credits,
  frozen: z.boolean(),
  available: credits,
});

export interface BillingOverview {
  plan: string;
  planStatus: string;
  subscription: z.output<typeof subscriptionSchema> | null;
  allowance: { balance: number; granted: number; used: number; periodEnd: string | null };
  purchased: number;
  reserved: number;
  available: number;
  frozen: boolean;
}

/**
 * The caller's plan, balances and subscription, read under RLS with their own session. Filtered
 * by user id too: an admin's policies also show other users' rows.
 */
export async function getBillingOverview(userId: string, signal?: AbortSignal): Promise<BillingOverview> {
  // A signal that never fires when react-query gives none (prefetches).
  const abort = signal ?? new AbortController().signal;
  const [profile, balance, subscription, grant] = await Promise.all([
    supabase.from('profiles').select('plan, plan_status').eq('id', userId).abortSignal(abort).single(),
    supabase.from('credit_balances').select('*').eq('user_id', userId).abortSignal(abort).single(),
    supabase
      .from('subscriptions')
      .select('plan_id, interval, status, current_period_end, cancel_at_period_end')
      .eq('user_id', userId)
      .order('stripe_created_at', { ascending: false })
      .limit(1)
      .abortSignal(abort)
      .maybeSingle(),
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
  const account = unwrap(profile);
  const balances = balanceSchema.parse(unwrap(balance));
  const granted = Number(unwrap(grant)?.amount ?? 0);
  const sub = unwrap(subscription);
  return {
    plan: account.plan,
    planStatus: account.plan_status,
    subscription: sub ? subscriptionSchema.parse(sub) : null,
    allowance: {
      balance: balances.allowance_balance,
      granted,
      used: Math.max(0, granted - balances.allowance_balance),
      periodEnd: balances.allowance_period_end,
    },
    purchased: balances.purchased_balance,
    reserved: balances.reserved_balance,
    available: balances.available,
    frozen: balances.frozen,
  };
}

export const billingOverviewQueryOptions = (userId: string) =>
  queryOptions({ queryKey: billingKeys.overview(userId), queryFn: ({ signal }) => getBillingOverview(userId, signal) });

export const useBillingOverview = (userId: string) => useQuery(billingOverviewQueryOptions(userId));
