/** What the app sells, read from the catalog tables (Stripe holds the prices; we hold their IDs). */
import type { Queryable } from '../db';
import { ApiError } from '../http/api-error';

export type BillingInterval = 'month' | 'year';

export interface PlanPrice {
  planId: string;
  interval: BillingInterval;
  stripePriceId: string;
  monthlyCredits: number;
}

export interface TokenPack {
  id: string;
  credits: number;
  stripePriceId: string;
}

export async function findPlanPrice(
  db: Queryable,
  planId: string,
  interval: BillingInterval,
): Promise<PlanPrice> {
  const { rows } = await db.query<PlanPrice>(
    `select pp.plan_id as "planId", pp.interval, pp.stripe_price_id as "stripePriceId", p.monthly_credits::float8 as "monthlyCredits"
       from public.plan_prices pp join public.plans p on p.id = pp.plan_id
      where pp.plan_id = $1 and pp.interval = $2 and pp.is_active and p.is_active`,
    [planId, interval],
  );
  if (!rows[0]) throw new ApiError('NOT_FOUND', `There is no ${interval}ly price for the ${planId} plan.`);
  return rows[0];
}

/** The plan a Stripe price belongs to, active or not (old subscriptions keep retired prices). */
export async function planForPrice(db: Queryable, stripePriceId: string): Promise<PlanPrice | undefined> {
  const { rows } = await db.query<PlanPrice>(
    `select pp.plan_id as "planId", pp.interval, pp.stripe_price_id as "stripePriceId", p.monthly_credits::float8 as "monthlyCredits"
       from public.plan_prices pp join public.plans p on p.id = pp.plan_id
      where pp.stripe_price_id = $1`,
    [stripePriceId],
  );
  return rows[0];
}

export async function findTokenPack(
  db: Queryable,
  packId: string,
  { activeOnly = true } = {},
): Promise<TokenPack> {
  const { rows } = await db.query<TokenPack>(
    `select id, credits::float8 as credits, stripe_price_id as "stripePriceId"
       from public.token_packs where id = $1 and (is_active or not $2)`,
    [packId, activeOnly],
  );
  if (!rows[0]) throw new ApiError('NOT_FOUND', 'This token pack is not for sale.');
  return rows[0];
}

export async function planMonthlyCredits(db: Queryable, planId: string): Promise<number> {
  const { rows } = await db.query<{ credits: number }>(
    'select monthly_credits::float8 as credits from public.plans where id = $1',
    [planId],
  );
  if (!rows[0]) throw new Error(`unknown plan ${planId}`);
  return rows[0].credits;
}
