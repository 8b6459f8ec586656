import { queryOptions, useQuery } from '@tanstack/react-query';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { billingKeys } from '../keys';
import { planSchema, tokenPackSchema, type Plan, type TokenPack } from '../schemas';

/** Plans with their prices, and token packs: public catalog rows (RLS: active ones only). */
export async function getBillingCatalog(
  signal?: AbortSignal,
): Promise<{ plans: Plan[]; packs: TokenPack[] }> {
  let plans = supabase
    .from('plans')
    .select('id, name, description, monthly_credits, position, plan_prices(interval, amount_cents, currency)')
    .order('position');
  let packs = supabase
    .from('token_packs')
    .select('id, name, credits, price_cents, currency')
    .order('position');
  if (signal) {
    plans = plans.abortSignal(signal);
    packs = packs.abortSignal(signal);
  }
  const [planRows, packRows] = await Promise.all([plans, packs]);
  return {
    plans: planSchema.array().parse(unwrap(planRows)),
    packs: tokenPackSchema.array().parse(unwrap(packRows)),
  };
}

export const billingCatalogQueryOptions = () =>
  queryOptions({
    queryKey: billingKeys.catalog(),
    queryFn: ({ signal }) => getBillingCatalog(signal),
    staleTime: 10 * 60_000,
  });

export const useBillingCatalog = () => useQuery(billingCatalogQueryOptions());
