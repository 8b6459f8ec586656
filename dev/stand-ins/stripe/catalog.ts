/**
 * The prices the stand-in sells. Locally the app's catalog tables hold placeholder Price IDs
 * (plan_prices, token_packs); the stand-in reads them at start so Checkout with those IDs works,
 * exactly as the real Stripe account holds the prices whose IDs a deployment stores.
 */
import pg from 'pg';
import type { Price } from './objects';

export interface CatalogPrice {
  id: string;
  /** Product name shown on the hosted pages. */
  name: string;
  unitAmount: number;
  currency: string;
  /** Recurring interval, or null for a one-off price (token packs). */
  interval: 'month' | 'year' | null;
}

export function toPrice(entry: CatalogPrice, created: number): Price {
  return {
    id: entry.id,
    object: 'price',
    active: true,
    created,
    currency: entry.currency,
    unit_amount: entry.unitAmount,
    type: entry.interval ? 'recurring' : 'one_time',
    recurring: entry.interval
      ? { interval: entry.interval, interval_count: 1, usage_type: 'licensed' }
      : null,
    product: `prod_${entry.id.replace(/^price_/, '')}`,
    nickname: entry.name,
    lookup_key: null,
    metadata: {},
    livemode: false,
  };
}

export async function loadCatalogFromDatabase(databaseUrl: string): Promise<CatalogPrice[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<CatalogPrice>(`
      select pp.stripe_price_id as id, p.name || ' (' || pp.interval || 'ly)' as name,
             pp.amount_cents as "unitAmount", pp.currency, pp.interval
        from public.plan_prices pp join public.plans p on p.id = pp.plan_id
      union all
      select t.stripe_price_id, t.name, t.price_cents, t.currency, null
        from public.token_packs t
      order by 1`);
    return rows;
  } finally {
    await client.end();
  }
}
