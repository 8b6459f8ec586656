import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { dbNumber } from '@/shared/db-number';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { pricingKeys } from '../keys';

const credits = dbNumber;

const planSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  monthly_credits: credits,
  features: z.array(z.string()),
  plan_prices: z.array(
    z.object({ interval: z.enum(['month', 'year']), amount_cents: z.number(), currency: z.string() }),
  ),
});
const packSchema = z.object({
  id: z.string(),
  name: z.string(),
  credits,
  price_cents: z.number(),
  currency: z.string(),
});

export type PricingPlan = z.output<typeof planSchema>;
export type PricingPack = z.output<typeof packSchema>;

/** The public catalog: anyone may read active plans, their prices and the token packs. */
export async function getPricing(
  signal?: AbortSignal,
): Promise<{ plans: PricingPlan[]; packs: PricingPack[] }> {
  const abort = signal ?? new AbortController().signal;
  const [plans, packs] = await Promise.all([
    supabase
      .from('plans')
      .select(
        'id, name, description, monthly_credits, features, plan_prices(interval, amount_cents, currency)',
      )
      .order('position')
      .abortSignal(abort),
    supabase
      .from('token_packs')
      .select('id, name, credits, price_cents, currency')
      .order('position')
      .abortSignal(abort),
  ]);
  return { plans: planSchema.array().parse(unwrap(plans)), packs: packSchema.array().parse(unwrap(packs)) };
}

export const pricingQueryOptions = () =>
  queryOptions({
    queryKey: pricingKeys.catalog(),
    queryFn: ({ signal }) => getPricing(signal),
    staleTime: 10 * 60_000,
  });

export const usePricing = () => useQuery(pricingQueryOptions());
