/**
 * The three billing functions that send a user to Stripe: Checkout for a plan or a pack, and the
 * Billing Portal. Stripe is the local stand-in, reached by stripe-node over HTTP.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import portal from '../../../netlify/functions/billing-portal.mjs';
import subscriptionCheckout from '../../../netlify/functions/billing-subscription-checkout.mjs';
import tokenPackCheckout from '../../../netlify/functions/billing-token-pack-checkout.mjs';
import { closeDbPools } from '../../../netlify/lib/db';
import { apiRequest, jsonRequest, netlifyContext, readError, withEnv } from '../http/helpers';
import { accountState, pay, signUp, startBillingWorld, type BillingWorld, type TestUser } from './harness';

let world: BillingWorld;
beforeAll(async () => {
  world = await startBillingWorld();
});
afterAll(async () => {
  await world.stop();
  await closeDbPools();
});

const checkoutFor = (user: TestUser, body: unknown) =>
  subscriptionCheckout(
    jsonRequest('/api/billing/subscription-checkout', body, { token: user.token }),
    netlifyContext(),
  );
const packFor = (user: TestUser, body: unknown) =>
  tokenPackCheckout(
    jsonRequest('/api/billing/token-pack-checkout', body, { token: user.token }),
    netlifyContext(),
  );
const portalFor = (user: TestUser) =>
  portal(apiRequest('/api/billing/portal', { method: 'POST', token: user.token }), netlifyContext());

const sessionOf = (url: string) => {
  const id = url.split('/').pop() ?? '';
  const session = world.standIn.store.checkoutSessions.get(id);
  if (!session) throw new Error(`no checkout session behind ${url}`);
  return session;
};

describe('POST /api/billing/subscription-checkout', () => {
  it('creates a subscription Checkout from the plan_prices Price ID, with the user id attached', async () => {
    const user = await signUp(world.db);
    const response = await checkoutFor(user, { plan: 'pro', interval: 'year' });
    expect(response.status).toBe(200);
    const { url } = (await response.json()) as { url: string };
    expect(url.startsWith(`${world.standIn.url}/checkout/cs_test_`)).toBe(true);

    const session = sessionOf(url);
    expect(session).toMatchObject({
      mode: 'subscription',
      client_reference_id: user.id,
      metadata: { user_id: user.id, plan: 'pro', interval: 'year' },
      subscription_metadata: { user_id: user.id },
      line_items_price: world.catalog.price('pro', 'year'),
    });
    expect(session.success_url).toBe(
      `${process.env.APP_URL}/billing?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
    );
    expect(session.cancel_url).toBe(`${process.env.APP_URL}/billing?checkout=cancel`);
    const customer = world.standIn.store.customers.get(session.customer ?? '');
    expect(customer).toMatchObject({ email: user.email, metadata: { user_id: user.id } });
  });

  it('creates the Stripe customer once per user, however many checkouts and in parallel', async () => {
    const user = await signUp(world.db);
    const responses = await Promise.all([
      checkoutFor(user, { plan: 'pro', interval: 'month' }),
      packFor(user, { packId: 'pack_10m' }),
      checkoutFor(user, { plan: 'max', interval: 'month' }),
    ]);
    const urls = await Promise.all(
      responses.map(async (response) => ((await response.json()) as { url: string }).url),
    );
    const customers = new Set(urls.map((url) => sessionOf(url).customer));
    expect(customers.size).toBe(1);
    const stored = await world.db.query(
      'select customer_id from public.stripe_customers where user_id = $1',
      [user.id],
    );
    expect(stored.rows).toEqual([{ customer_id: [...customers][0] }]);
    const inStripe = [...world.standIn.store.customers.values()].filter(
      (c) => c.metadata.user_id === user.id,
    );
    expect(inStripe).toHaveLength(1);
  });

  it('sends an active subscriber to the portal instead of charging a second subscription', async () => {
    const user = await signUp(world.db);
    const first = (await (await checkoutFor(user, { plan: 'pro', interval: 'month' })).json()) as {
      url: string;
    };
    await pay(world.standIn, first.url);
    expect((await accountState(world.db, user.id)).plan).toBe('pro');

    const sessionsBefore = world.standIn.store.checkoutSessions.size;
    const again = await checkoutFor(user, { plan: 'max', interval: 'month' });
    expect(again.status).toBe(200);
    const { url } = (await again.json()) as { url: string };
    expect(url).toMatch(new RegExp(`^${world.standIn.url}/portal/bps_`));
    expect(world.standIn.store.checkoutSessions.size).toBe(sessionsBefore);
  });

  it('refuses unknown plans and intervals with 400 and the field path', async () => {
    const user = await signUp(world.db);
    const response = await checkoutFor(user, { plan: 'enterprise', interval: 'week' });
    expect(response.status).toBe(400);
    const error = await readError(response);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(error.details)).toContain('plan');
  });

  it('requires a signed-in user', async () => {
    const response = await subscriptionCheckout(
      jsonRequest('/api/billing/subscription-checkout', { plan: 'pro', interval: 'month' }),
      netlifyContext(),
    );
    expect(response.status).toBe(401);
  });
});

describe('POST /api/billing/token-pack-checkout', () => {
  it('creates a payment Checkout from the token_packs Price ID', async () => {
    const user = await signUp(world.db);
    const response = await packFor(user, { packId: 'pack_27m' });
    expect(response.status).toBe(200);
    const session = sessionOf(((await response.json()) as { url: string }).url);
    expect(session).toMatchObject({
      mode: 'payment',
      client_reference_id: user.id,
      metadata: { user_id: user.id, pack_id: 'pack_27m' },
      payment_intent_metadata: { user_id: user.id, pack_id: 'pack_27m' },
      line_items_price: world.catalog.pack('pack_27m').priceId,
      amount_total: world.catalog.pack('pack_27m').cents,
    });
  });

  it('answers 404 for a pack that is not for sale', async () => {
    const user = await signUp(world.db);
    const response = await packFor(user, { packId: 'pack_does_not_exist' });
    expect(response.status).toBe(404);
    expect((await readError(response)).code).toBe('NOT_FOUND');
  });
});

describe('POST /api/billing/portal', () => {
  it("opens a portal session for the caller's own customer only", async () => {
    const alice = await signUp(world.db);
    const bob = await signUp(world.db);
    await packFor(alice, { packId: 'pack_10m' });
    await packFor(bob, { packId: 'pack_10m' });

    const response = await portalFor(alice);
    expect(response.status).toBe(200);
    const { url } = (await response.json()) as { url: string };
    const session = world.standIn.store.portalSessions.get(url.split('/').pop() ?? '');
    const aliceCustomer = await world.db.query(
      'select customer_id from public.stripe_customers where user_id = $1',
      [alice.id],
    );
    expect(session?.customer).toBe(aliceCustomer.rows[0].customer_id);
    expect(session?.return_url).toBe(`${process.env.APP_URL}/billing`);
  });

  it('answers 404 to a user who never bought anything', async () => {
    const user = await signUp(world.db);
    const response = await portalFor(user);
    expect(response.status).toBe(404);
  });
});

describe('Stripe failing', () => {
  /** A Stripe API that answers every call with `status` and Stripe's error body of `type`. */
  async function failingStripe(status: number, type: string) {
    const server = http.createServer((req, res) => {
      req.resume();
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': 'req_failing' });
      res.end(JSON.stringify({ error: { type, message: `stand-in ${type}` } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(resolve)) };
  }

  it.each([
    ['fails (500)', 500, 'api_error', 502, 'UPSTREAM_FAILED', null],
    ['rate-limits us (429)', 429, 'rate_limit_error', 503, 'UNAVAILABLE', '5'],
    ['refuses our key (401)', 401, 'authentication_error', 503, 'UNAVAILABLE', '60'],
  ])(
    'answers %s as %i with no charge, not a masked 500',
    async (_, status, type, expected, code, retryAfter) => {
      const stripe = await failingStripe(status, type);
      try {
        await withEnv({ STRIPE_API_URL: stripe.url }, async () => {
          const user = await signUp(world.db);
          for (const response of [
            await checkoutFor(user, { plan: 'pro', interval: 'month' }),
            await packFor(user, { packId: 'pack_10m' }),
          ]) {
            expect(response.status).toBe(expected);
            expect(response.headers.get('retry-after')).toBe(retryAfter);
            expect((await readError(response)).code).toBe(code);
          }
          expect(await accountState(world.db, user.id)).toMatchObject({ purchased: 0 });
        });
      } finally {
        await stripe.close();
      }
    },
  );

  it('answers Stripe unreachable as 502', async () => {
    const stripe = await failingStripe(500, 'api_error');
    await stripe.close();
    await withEnv({ STRIPE_API_URL: stripe.url }, async () => {
      const response = await checkoutFor(await signUp(world.db), { plan: 'pro', interval: 'month' });
      expect(response.status).toBe(502);
      expect((await readError(response)).code).toBe('UPSTREAM_FAILED');
    });
  });
});
