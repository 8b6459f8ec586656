/**
 * Coming back from Stripe Checkout: until the webhook has switched the plan, the billing page says
 * "Activating your plan…" and nothing can be bought; then it says the plan is active.
 */
import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { renderApp } from '@/test/render-app';
import { signedInShellHandlers } from '@/test/shell-handlers';
import { testSupabaseUrl } from '@/test/test-env';
import { clearTestSession, storeTestSession } from '@/test/test-session';
import { rememberCheckout } from './checkout-intent';

const rest = `${testSupabaseUrl}/rest/v1`;
let plan = 'free';

const server = setupServer(
  ...signedInShellHandlers,
  http.get(`${rest}/user_profiles`, () => HttpResponse.json(null)),
  http.get(`${rest}/profiles`, () => HttpResponse.json({ plan, plan_status: 'active' })),
  http.get(`${rest}/subscriptions`, () => HttpResponse.json(null)),
  http.get(`${rest}/credit_balances`, () =>
    HttpResponse.json({
      allowance_balance: 1000,
      allowance_period_end: null,
      purchased_balance: 0,
      reserved_balance: 0,
      frozen: false,
      available: 1000,
    }),
  ),
  http.get(`${rest}/credit_ledger`, () => HttpResponse.json([])),
  http.get(`${rest}/plans`, () =>
    HttpResponse.json([
      {
        id: 'free',
        name: 'Free',
        description: '',
        monthly_credits: 1_000_000,
        features: [],
        plan_prices: [],
      },
      {
        id: 'pro',
        name: 'Pro',
        description: '',
        monthly_credits: 20_000_000,
        features: [],
        plan_prices: [{ interval: 'month', amount_cents: 2000, currency: 'usd' }],
      },
    ]),
  ),
  http.get(`${rest}/token_packs`, () =>
    HttpResponse.json([{ id: 'p1', name: '10M', credits: 10_000_000, price_cents: 1000, currency: 'usd' }]),
  ),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
beforeEach(() => {
  storeTestSession();
  plan = 'free';
});
afterEach(() => {
  server.resetHandlers();
  clearTestSession();
  sessionStorage.clear();
});
afterAll(() => server.close());

it('shows "Activating your plan…" with the buttons disabled until the plan switched, then says it is active', async () => {
  rememberCheckout({ kind: 'subscription', plan: 'pro', startedAt: Date.now() });
  renderApp('/billing?checkout=success&session_id=cs_test_1');
  expect(await screen.findByText(/^Activating your plan…/)).toBeTruthy();
  expect((screen.getByRole('button', { name: 'Subscribe to Pro' }) as HTMLButtonElement).disabled).toBe(true);
  expect((screen.getByRole('button', { name: /Buy 10M/ }) as HTMLButtonElement).disabled).toBe(true);
  expect(screen.getByText(/in place of what is left of your free allowance/)).toBeTruthy();

  // The webhook lands; the page's refresh (every 2 s) picks it up.
  plan = 'pro';
  await waitFor(() => expect(screen.getByText(/your new plan is active/)).toBeTruthy(), { timeout: 6_000 });
  expect(screen.queryByText(/^Activating your plan/)).toBeNull();
});

it('without a remembered checkout, the return says payment was received and nothing is locked', async () => {
  renderApp('/billing?checkout=success');
  expect(await screen.findByText(/Payment received — thank you/)).toBeTruthy();
  expect((screen.getByRole('button', { name: 'Subscribe to Pro' }) as HTMLButtonElement).disabled).toBe(
    false,
  );
});
