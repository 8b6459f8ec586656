/**
 * The subscription checkout's guard ("already subscribed? go to the portal") reads the caller's
 * subscriptions as the caller (issue 19, ADR 0089): the policy "Users can read their own
 * subscriptions" decides what the statement sees, not a `where user_id = $1` at the service level.
 * A restrictive probe policy that hides one user's subscription (no other test's) must be obeyed,
 * and an admin — who may read every subscription — is not mistaken for a subscriber.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import subscriptionCheckout from '../../../netlify/functions/billing-subscription-checkout.mjs';
import { closeDbPools } from '../../../netlify/lib/db';
import { jsonRequest, netlifyContext } from '../http/helpers';
import { accountState, pay, signUp, startBillingWorld, type BillingWorld, type TestUser } from './harness';
import { withProbePolicy } from '../rls/support/probe-policy';

let world: BillingWorld;
beforeAll(async () => {
  world = await startBillingWorld();
});
afterAll(async () => {
  await world.stop();
  await closeDbPools();
});

/** Asks for a subscription checkout; answers where the caller was sent. */
async function checkoutTarget(user: TestUser, plan = 'max'): Promise<'checkout' | 'portal'> {
  const response = await subscriptionCheckout(
    jsonRequest('/api/billing/subscription-checkout', { plan, interval: 'month' }, { token: user.token }),
    netlifyContext(),
  );
  expect(response.status).toBe(200);
  const { url } = (await response.json()) as { url: string };
  if (url.startsWith(`${world.standIn.url}/portal/bps_`)) return 'portal';
  if (url.startsWith(`${world.standIn.url}/checkout/cs_test_`)) return 'checkout';
  throw new Error(`unexpected redirect ${url}`);
}

async function subscribed(): Promise<TestUser> {
  const user = await signUp(world.db);
  const response = await subscriptionCheckout(
    jsonRequest(
      '/api/billing/subscription-checkout',
      { plan: 'pro', interval: 'month' },
      { token: user.token },
    ),
    netlifyContext(),
  );
  await pay(world.standIn, ((await response.json()) as { url: string }).url);
  expect((await accountState(world.db, user.id)).plan).toBe('pro');
  return user;
}

it('still sends a subscriber to the portal, and lets RLS decide: hidden by a policy, the subscription is not seen', async () => {
  const user = await subscribed();
  const sessions = world.standIn.store.checkoutSessions.size;
  expect(await checkoutTarget(user)).toBe('portal');
  expect(world.standIn.store.checkoutSessions.size).toBe(sessions);

  // The probe hides only this user's rows from `authenticated`: a service-level read would ignore
  // it and still answer "portal".
  expect(
    await withProbePolicy(world.db, 'subscriptions', 'select', `user_id = '${user.id}'`, () =>
      checkoutTarget(user),
    ),
  ).toBe('checkout');
  expect(world.standIn.store.checkoutSessions.size).toBe(sessions + 1);

  // Without the probe the guard refuses again: the probe is what changed the answer.
  expect(await checkoutTarget(user)).toBe('portal');
});

it('does not take an admin, who may read every subscription, for a subscriber', async () => {
  await subscribed();
  const admin = await signUp(world.db, { role: 'admin' });
  expect(await checkoutTarget(admin)).toBe('checkout');
});
