/**
 * The shared credit-balance read (src/lib/credit-balance.ts) against the real local Supabase API:
 * the columns it selects exist on the view, RLS lets the user read their own grant, and a lapsed
 * period reads as nothing granted and nothing used.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { fetchCreditBalance } from '@/lib/credit-balance';
import { supabase } from '@/lib/supabase';

// Node 20 has no WebSocket and supabase-js builds its Realtime client when the SPA's client module
// loads; these tests never open a channel, so a constructor that fails loudly is enough.
vi.hoisted(() => {
  globalThis.WebSocket ??= class {
    constructor() {
      throw new Error('Realtime is not used in these tests.');
    }
  } as unknown as typeof WebSocket;
});

const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
let userId: string;
let freeCredits: number;

beforeAll(async () => {
  await db.connect();
  const { rows } = await db.query<{ monthly_credits: string }>(
    `select monthly_credits from public.plans where id = 'free'`,
  );
  freeCredits = Number(rows[0]!.monthly_credits);
  const { data, error } = await supabase.auth.signUp({
    email: `credit-balance-${randomUUID()}@example.com`,
    password: 'correct horse battery staple',
  });
  if (error) throw error;
  userId = data.user!.id;
});

afterAll(async () => {
  await supabase.auth.signOut();
  await db.end();
});

it("reads a new user's free allowance for the running period, nothing used yet", async () => {
  const balance = await fetchCreditBalance(userId);
  expect(balance).toMatchObject({
    available: freeCredits,
    purchased: 0,
    reserved: 0,
    frozen: false,
    allowance: { remaining: freeCredits, granted: freeCredits, used: 0 },
  });
  expect(new Date(balance.allowance.periodEnd!).getTime()).toBeGreaterThan(Date.now());
});

it('derives the allowance used from the grant and what is left of it', async () => {
  await db.query(
    'update public.credit_accounts set allowance_balance = allowance_balance - 1234 where user_id = $1',
    [userId],
  );
  const balance = await fetchCreditBalance(userId);
  expect(balance.allowance).toMatchObject({
    remaining: freeCredits - 1234,
    granted: freeCredits,
    used: 1234,
  });
  expect(balance.available).toBe(freeCredits - 1234);
});

it('reads a lapsed period as nothing granted and nothing used (the allowance lapsed, it was not spent)', async () => {
  await db.query(
    `update public.credit_accounts
        set allowance_period_start = now() - interval '2 months', allowance_period_end = now() - interval '1 day'
      where user_id = $1`,
    [userId],
  );
  const balance = await fetchCreditBalance(userId);
  expect(balance.allowance).toEqual({ remaining: 0, granted: 0, used: 0, periodEnd: null });
  expect(balance.available).toBe(0);
});
