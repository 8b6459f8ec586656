/**
 * The public billing catalog: anyone may read active plans, their prices and the token packs.
 * Read with the anon key and checked by hand (not supabase-js and zod), so the pricing page stays
 * light for visitors (ADR 0067). Free of the query cache, so the prerendered pricing page can read
 * it without TanStack Query (ADR 0083); the SPA's query is in public-catalog.ts.
 */
import { publicRows } from './public-rest';

export interface PricingPlan {
  id: string;
  name: string;
  description: string;
  monthly_credits: number;
  features: string[];
  plan_prices: { interval: 'month' | 'year'; amount_cents: number; currency: string }[];
}

export interface PricingPack {
  id: string;
  name: string;
  credits: number;
  price_cents: number;
  currency: string;
}

class CatalogShapeError extends Error {
  override readonly name = 'CatalogShapeError';
}

type Row = Record<string, unknown>;
const row = (value: unknown): Row => {
  if (typeof value !== 'object' || value === null) throw new CatalogShapeError('Expected a row.');
  return value as Row;
};
const text = (value: Row, key: string): string => {
  const field = value[key];
  if (typeof field !== 'string') throw new CatalogShapeError(`${key}: expected text.`);
  return field;
};
const integer = (value: Row, key: string): number => {
  const field = value[key];
  // bigint columns arrive as JSON numbers or, past 2^53, as strings.
  const number = typeof field === 'string' && field.trim() !== '' ? Number(field) : field;
  if (typeof number !== 'number' || !Number.isFinite(number))
    throw new CatalogShapeError(`${key}: expected a number.`);
  return number;
};
const list = (value: Row, key: string): unknown[] => {
  const field = value[key];
  if (!Array.isArray(field)) throw new CatalogShapeError(`${key}: expected a list.`);
  return field;
};

function toPlan(value: unknown): PricingPlan {
  const plan = row(value);
  return {
    id: text(plan, 'id'),
    name: text(plan, 'name'),
    description: text(plan, 'description'),
    monthly_credits: integer(plan, 'monthly_credits'),
    features: list(plan, 'features').map((feature) => {
      if (typeof feature !== 'string') throw new CatalogShapeError('features: expected text.');
      return feature;
    }),
    plan_prices: list(plan, 'plan_prices').map((entry) => {
      const price = row(entry);
      const interval = text(price, 'interval');
      if (interval !== 'month' && interval !== 'year') throw new CatalogShapeError(`interval: ${interval}.`);
      return { interval, amount_cents: integer(price, 'amount_cents'), currency: text(price, 'currency') };
    }),
  };
}

function toPack(value: unknown): PricingPack {
  const pack = row(value);
  return {
    id: text(pack, 'id'),
    name: text(pack, 'name'),
    credits: integer(pack, 'credits'),
    price_cents: integer(pack, 'price_cents'),
    currency: text(pack, 'currency'),
  };
}

export async function getPublicCatalog(
  signal?: AbortSignal,
): Promise<{ plans: PricingPlan[]; packs: PricingPack[] }> {
  const [plans, packs] = await Promise.all([
    publicRows(
      'plans?select=id,name,description,monthly_credits,features,plan_prices(interval,amount_cents,currency)&order=position',
      signal,
    ),
    publicRows('token_packs?select=id,name,credits,price_cents,currency&order=position', signal),
  ]);
  return { plans: plans.map(toPlan), packs: packs.map(toPack) };
}
