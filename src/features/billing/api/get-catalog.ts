import { useQuery } from '@tanstack/react-query';
import { publicCatalogQueryOptions, type PricingPack, type PricingPlan } from '@/lib/public-catalog';

/** A plan as the billing page shows it. */
export interface Plan {
  id: string;
  name: string;
  description: string;
  monthlyCredits: number;
  prices: PricingPlan['plan_prices'];
}

/** A token pack as the billing page shows it. */
export interface TokenPack {
  id: string;
  name: string;
  credits: number;
  priceCents: number;
  currency: string;
}

const toPlan = (plan: PricingPlan): Plan => ({
  id: plan.id,
  name: plan.name,
  description: plan.description,
  monthlyCredits: plan.monthly_credits,
  prices: plan.plan_prices,
});

const toPack = (pack: PricingPack): TokenPack => ({
  id: pack.id,
  name: pack.name,
  credits: pack.credits,
  priceCents: pack.price_cents,
  currency: pack.currency,
});

/** Plans with their prices, and token packs: the pricing page's query and cache entry, shaped for billing. */
export const useBillingCatalog = () =>
  useQuery({
    ...publicCatalogQueryOptions(),
    select: (catalog) => ({ plans: catalog.plans.map(toPlan), packs: catalog.packs.map(toPack) }),
  });
