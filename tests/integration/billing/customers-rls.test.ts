/**
 * The billing functions look up the caller's own Stripe customer as the caller (issue 19, ADR
 * 0081): the policy "Users can read their own Stripe customer" decides, not a `where user_id = $1`
 * in TypeScript. A probe policy that hides one user's row (no other test's) must be obeyed; the
 * row itself stays the service's to write.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import portal from '../../../netlify/functions/billing-portal.mjs';
import tokenPackCheckout from '../../../netlify/functions/billing-token-pack-checkout.mjs';
import { closeDbPools } from '../../../netlify/lib/db';
import { apiRequest, jsonRequest, netlifyContext, readError } from '../http/helpers';
import { signUp, startBillingWorld, type BillingWorld, type TestUser } from './harness';
import { withProbePolicy } from '../rls/support/probe-policy';

let world: BillingWorld;
beforeAll(async () => {
  world = await startBillingWorld();
});
afterAll(async () => {
  await world.stop();
  await closeDbPools();
});

const packFor = (user: TestUser) =>
  tokenPackCheckout(
    jsonRequest('/api/billing/token-pack-checkout', { packId: 'pack_10m' }, { token: user.token }),
    netlifyContext(),
  );
const portalFor = (user: TestUser) =>
  portal(apiRequest('/api/billing/portal', { method: 'POST', token: user.token }), netlifyContext());

it('opens the portal only for a customer RLS shows the caller: hidden, it is 404 and Stripe is not asked', async () => {
  const user = await signUp(world.db);
  expect((await packFor(user)).status).toBe(200);
  const sessions = world.standIn.store.portalSessions.size;

  const hidden = await withProbePolicy(world.db, 'stripe_customers', 'select', `user_id = '${user.id}'`, () =>
    portalFor(user),
  );
  expect(hidden.status).toBe(404);
  expect((await readError(hidden)).message).toMatch(/no billing account/);
  expect(world.standIn.store.portalSessions.size).toBe(sessions);

  // Without the probe the same request opens the portal: the probe is what refused it.
  expect((await portalFor(user)).status).toBe(200);
  expect(world.standIn.store.portalSessions.size).toBe(sessions + 1);
});

it('keeps one customer per user when the lookup is hidden: the insert stays the service’s, Stripe replays the create', async () => {
  const user = await signUp(world.db);
  expect((await packFor(user)).status).toBe(200);
  const customers = world.standIn.store.customers.size;
  const hidden = await withProbePolicy(world.db, 'stripe_customers', 'select', `user_id = '${user.id}'`, () =>
    packFor(user),
  );
  expect(hidden.status).toBe(200);
  expect(world.standIn.store.customers.size).toBe(customers);
  const { rows } = await world.db.query(
    'select count(*)::int as n from public.stripe_customers where user_id = $1',
    [user.id],
  );
  expect(rows[0].n).toBe(1);
});

it('lets a user read their own customer row through the Data API role, and nobody else’s', async () => {
  const [alice, bob, carol] = [await signUp(world.db), await signUp(world.db), await signUp(world.db)];
  await packFor(alice);
  await packFor(bob);
  /** Runs `sql` as `user` the way PostgREST does, rolled back. */
  const asCaller = async (user: TestUser, sql: string, values: unknown[] = []) => {
    const client = await world.db.connect();
    try {
      await client.query('begin');
      await client.query(
        "select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)",
        [JSON.stringify({ sub: user.id, role: 'authenticated' })],
      );
      return await client.query(sql, values);
    } finally {
      await client.query('rollback');
      client.release();
    }
  };
  const { rows } = await asCaller(alice, 'select user_id from public.stripe_customers');
  expect(rows).toEqual([{ user_id: alice.id }]);
  // Carol has no customer yet and may not create one pointing anywhere (it would open that
  // customer's Billing Portal for her).
  await expect(
    asCaller(carol, `insert into public.stripe_customers (user_id, customer_id) values ($1, 'cus_forged')`, [
      carol.id,
    ]),
  ).rejects.toMatchObject({ code: '42501' });
});
