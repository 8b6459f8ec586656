import { act, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { PricingCatalog } from '@/features/pricing/components/pricing-view';
import { testSupabaseUrl } from '@/test/test-env';
import { PricingIsland } from './pricing-island';

const rest = `${testSupabaseUrl}/rest/v1`;
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const catalogAt = (proCents: number): PricingCatalog => ({
  plans: [
    { id: 'free', name: 'Free', description: '', monthly_credits: 1_000_000, features: [], plan_prices: [] },
    {
      id: 'pro',
      name: 'Pro',
      description: 'For people who use it every day',
      monthly_credits: 20_000_000,
      features: ['Priority support'],
      plan_prices: [
        { interval: 'month', amount_cents: proCents, currency: 'usd' },
        { interval: 'year', amount_cents: proCents * 10, currency: 'usd' },
      ],
    },
  ],
  packs: [{ id: 'pack_10m', name: '10M', credits: 10_000_000, price_cents: 1000, currency: 'usd' }],
});

/** The database answers with `catalog`, or fails. */
function database(catalog: PricingCatalog | 'down') {
  server.resetHandlers(
    http.get(`${rest}/plans`, () =>
      catalog === 'down'
        ? HttpResponse.json({ message: 'down' }, { status: 503 })
        : HttpResponse.json(catalog.plans),
    ),
    http.get(`${rest}/token_packs`, () =>
      catalog === 'down'
        ? HttpResponse.json({ message: 'down' }, { status: 503 })
        : HttpResponse.json(catalog.packs),
    ),
  );
}

let root: Root | undefined;
const recoverableErrors: unknown[] = [];
afterEach(() => {
  act(() => root?.unmount());
  root = undefined;
  recoverableErrors.length = 0;
  document.body.innerHTML = '';
});

/** What the browser does with the prerendered page: the build's markup, then hydration. */
function hydratePrerendered(initial: PricingCatalog | null) {
  const main = document.createElement('main');
  main.innerHTML = renderToString(<PricingIsland initial={initial} />);
  document.body.append(main);
  act(() => {
    root = hydrateRoot(main, <PricingIsland initial={initial} />, {
      onRecoverableError: (error) => recoverableErrors.push(error),
    });
  });
  return main;
}

const proPrice = () => within(screen.getByRole('heading', { name: 'Pro' }).closest('li')!).getByText(/^\$/);

it('hydrates the prerendered prices, then shows the ones the database has now', async () => {
  database(catalogAt(3900));
  hydratePrerendered(catalogAt(2900));
  expect(proPrice().textContent).toBe('$29 / month');
  await waitFor(() => expect(proPrice().textContent).toBe('$39 / month'));
  expect(recoverableErrors).toEqual([]);
  // Signed out, the links leave the page for sign-up, then billing.
  expect(screen.getByRole('link', { name: 'Start with Pro' }).getAttribute('href')).toBe(
    '/sign-up?next=%2Fbilling',
  );
  act(() => screen.getByRole('button', { name: 'Yearly (2 months free)' }).click());
  expect(proPrice().textContent).toBe('$390 / year');
});

it('keeps the prerendered prices when the refresh fails', async () => {
  database('down');
  hydratePrerendered(catalogAt(2900));
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(proPrice().textContent).toBe('$29 / month');
  expect(screen.queryByRole('alert')).toBeNull();
});

it('without prerendered prices, loads them, and offers a retry when that fails', async () => {
  database('down');
  hydratePrerendered(null);
  expect(await screen.findByRole('alert')).toBeTruthy();
  expect(screen.getByRole('heading', { name: /Prices could not be loaded/ })).toBeTruthy();
  database(catalogAt(2900));
  act(() => screen.getByRole('button', { name: 'Try again' }).click());
  await waitFor(() => expect(proPrice().textContent).toBe('$29 / month'));
  expect(recoverableErrors).toEqual([]);
});
