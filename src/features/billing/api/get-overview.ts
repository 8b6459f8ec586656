import { queryOptions, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { billingKeys } from '../keys';
import { subscriptionSchema } from '../schemas';

export interface BillingOverview {
  plan: string;
  planStatus: string;
  subscription: z.output<typeof subscriptionSchema> | null;
}

/**
 * The caller's plan and subscription, read under RLS with their own session. Filtered by user id
 * too: an admin's policies also show other users' rows. The balance is the shared
 * `fetchCreditBalance` (src/lib/credit-balance.ts), so every page refreshes it under one key.
 */
export async function getBillingOverview(userId: string, signal?: AbortSignal): Promise<BillingOverview> {
  // A signal that never fires when react-query gives none (prefetches).
  const abort = signal ?? new AbortController().signal;
  const [profile, subscription] = await Promise.all([
    supabase.from('profiles').select('plan, plan_status').eq('id', userId).abortSignal(abort).single(),
    supabase
      .from('subscriptions')
      .select('plan_id, interval, status, current_period_end, cancel_at_period_end')
      .eq('user_id', userId)
      .order('stripe_created_at', { ascending: false })
      .limit(1)
      .abortSignal(abort)
      .maybeSingle(),
  ]);
  const account = unwrap(profile);
  const sub = unwrap(subscription);
  return {
    plan: account.plan,
    planStatus: account.plan_status,
    subscription: sub ? subscriptionSchema.parse(sub) : null,
  };
}

export const billingOverviewQueryOptions = (userId: string) =>
  queryOptions({
    queryKey: billingKeys.overview(userId),
    queryFn: ({ signal }) => getBillingOverview(userId, signal),
  });

export const useBillingOverview = (userId: string) => useQuery(billingOverviewQueryOptions(userId));
