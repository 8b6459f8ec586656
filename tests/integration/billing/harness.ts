/**
 * The billing tests' world: the real local database, the Stripe stand-in started in this test
 * file's process with stripe-node pointed at it (as STRIPE_API_URL does locally), and its
 * webhooks delivered straight to the webhook function's default export as real, signed Requests.
 */
import pg from 'pg';
import Stripe from 'stripe';
import { loadCatalogFromDatabase } from '../../../dev/stand-ins/stripe/catalog';
import { startStripeStandIn, type StripeStandIn } from '../../../dev/stand-ins/stripe/server';
import type { Deliver } from '../../../dev/stand-ins/stripe/webhooks';
import { resetEnvForTests } from '../../../netlify/lib/env';
import stripeWebhook from '../../../netlify/functions/stripe-webhook.mjs';
import { apiRequest, createUser, mintToken, netlifyContext } from '../http/helpers';

export const secretKey = 'sk_test_billing_tests';
export const webhookSecret = 'whsec_billing_tests_secret';

/** The catalog rows the billing flows need (the seed has them too; inserting is a no-op then). */
export async function ensureCatalog(db: pg.Pool): Promise<void> {
  await db.query(`
    insert into public.plans (id, name, monthly_credits, position) values
      ('pro', 'Pro', 20000000, 1), ('max', 'Max', 250000000, 2)
    on conflict do nothing;
    insert into public.plan_prices (plan_id, interval, stripe_price_id, amount_cents) values
      ('pro', 'month', 'price_pro_monthly', 2900), ('pro', 'year', 'price_pro_yearly', 29000),
      ('max', 'month', 'price_max_monthly', 29900), ('max', 'year', 'price_max_yearly', 299000)
    on conflict do nothing;
    insert into public.token_packs (id, name, credits, price_cents, stripe_price_id, position) values
      ('pack_10m', '10M credits', 10000000, 1000, 'price_pack_10m', 1),
      ('pack_27m', '27M credits', 27000000, 2500, 'price_pack_27m', 2),
      ('pack_85m', '85M credits', 85000000, 7500, 'price_pack_85m', 3),
      ('pack_150m', '150M credits', 150000000, 13000, 'price_pack_150m', 4)
    on conflict do nothing;`);
}

export interface Catalog {
  price(plan: string, interval: 'month' | 'year'): string;
  planCredits(plan: string): number;
  pack(id: string): { priceId: string; credits: number; cents: number };
}

export async function readCatalog(db: pg.Pool): Promise<Catalog> {
  const prices = await db.query<{ plan_id: string; interval: string; stripe_price_id: string }>(
    'select plan_id, interval, stripe_price_id from public.plan_prices',
  );
  const plans = await db.query<{ id: string; credits: number }>(
    'select id, monthly_credits::float8 as credits from public.plans',
  );
  const packs = await db.query<{ id: string; stripe_price_id: string; credits: number; price_cents: number }>(
    'select id, stripe_price_id, credits::float8 as credits, price_cents from public.token_packs',
  );
  const must = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`catalog has no ${what}`);
    return value;
  };
  return {
    price: (plan, interval) =>
      must(
        prices.rows.find((row) => row.plan_id === plan && row.interval === interval),
        `${plan}/${interval}`,
      ).stripe_price_id,
    planCredits: (plan) =>
      must(
        plans.rows.find((row) => row.id === plan),
        `plan ${plan}`,
      ).credits,
    pack: (id) => {
      const row = must(
        packs.rows.find((candidate) => candidate.id === id),
        `pack ${id}`,
      );
      return { priceId: row.stripe_price_id, credits: row.credits, cents: row.price_cents };
    },
  };
}

/** Delivers a signed payload to the webhook function, from a random IP (the limit is per IP). */
export const deliverToWebhook: Deliver = async (payload, signatureHeader) => {
  const response = await stripeWebhook(
    signedRequest(payload, signatureHeader),
    netlifyContext({ ip: randomIp() }),
  );
  await response.body?.cancel();
  return response.status;
};

export function signedRequest(payload: string, signatureHeader: string): Request {
  return apiRequest('/api/stripe/webhook', {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signatureHeader },
    body: payload,
  });
}

export const randomIp = () =>
  `198.51.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

export interface BillingWorld {
  db: pg.Pool;
  standIn: StripeStandIn;
  stripe: Stripe;
  catalog: Catalog;
  stop(): Promise<void>;
}

export async function startBillingWorld(options: { deliver?: Deliver | null } = {}): Promise<BillingWorld> {
  const db = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  await ensureCatalog(db);
  const standIn = await startStripeStandIn({
    port: 0,
    secretKey,
    webhookSecret,
    catalog: await loadCatalogFromDatabase(process.env.DATABASE_URL ?? ''),
    webhook: options.deliver === undefined ? deliverToWebhook : options.deliver,
  });
  Object.assign(process.env, {
    STRIPE_SECRET_KEY: secretKey,
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    STRIPE_API_URL: standIn.url,
  });
  resetEnvForTests();
  const url = new URL(standIn.url);
  const stripe = new Stripe(secretKey, { host: url.hostname, port: url.port, protocol: 'http' });
  return {
    db,
    standIn,
    stripe,
    catalog: await readCatalog(db),
    stop: async () => {
      await standIn.stop();
      await db.end();
    },
  };
}

export interface TestUser {
  id: string;
  email: string;
  token: string;
}

/** A signed-up user (the signup trigger gives the profile and the credit account) and a token. */
export async function signUp(db: pg.Pool, fields: { role?: 'member' | 'admin' } = {}): Promise<TestUser> {
  const user = await createUser(db, fields);
  return { ...user, token: await mintToken({ sub: user.id, email: user.email }) };
}

export interface AccountState {
  plan: string;
  planStatus: string;
  allowance: number;
  purchased: number;
  frozen: boolean;
  ledger: Array<{
    kind: string;
    bucket: string;
    amount: number;
    key: string;
    source: Record<string, unknown>;
  }>;
}

export async function accountState(db: pg.Pool, userId: string): Promise<AccountState> {
  const { rows } = await db.query<{
    plan: string;
    plan_status: string;
    allowance: number;
    purchased: number;
    frozen: boolean;
  }>(
    `select p.plan, p.plan_status, a.allowance_balance::float8 as allowance, a.purchased_balance::float8 as purchased, a.frozen
       from public.profiles p join public.credit_accounts a on a.user_id = p.id where p.id = $1`,
    [userId],
  );
  const ledger = await db.query<AccountState['ledger'][number]>(
    `select kind, bucket, amount::float8 as amount, idempotency_key as key, source
       from public.credit_ledger where user_id = $1 order by created_at, id`,
    [userId],
  );
  const row = rows[0];
  if (!row) throw new Error(`no account for ${userId}`);
  return {
    plan: row.plan,
    planStatus: row.plan_status,
    allowance: row.allowance,
    purchased: row.purchased,
    frozen: row.frozen,
    ledger: ledger.rows,
  };
}

/** Sum of the ledger per bucket: must equal the balances at all times. */
export function ledgerSums(state: AccountState): { allowance: number; purchased: number } {
  const sum = (bucket: string) =>
    state.ledger.filter((row) => row.bucket === bucket).reduce((total, row) => total + row.amount, 0);
  return { allowance: sum('allowance'), purchased: sum('purchased') };
}

/**
 * Pays a Checkout URL the way a person clicks "Pay" on the hosted page, then waits for the
 * webhooks that follow the redirect to be delivered.
 */
export async function pay(standIn: StripeStandIn, checkoutUrl: string): Promise<string> {
  const response = await fetch(`${checkoutUrl}/pay`, { method: 'POST', redirect: 'manual' });
  if (response.status !== 303) throw new Error(`paying ${checkoutUrl} answered ${response.status}`);
  await standIn.idle();
  return response.headers.get('location') ?? '';
}
