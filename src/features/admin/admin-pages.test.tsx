// The admin console in the SPA: members get the 404 page on every admin view and no admin data is
// requested; an admin sees the revenue figures with how each is computed, from the function's
// wire shape.
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderApp } from '@/test/render-app';
import { signedInShellHandlers } from '@/test/shell-handlers';
import { testSupabaseUrl } from '@/test/test-env';
import { clearTestSession, storeTestSession } from '@/test/test-session';
import type { RevenueReport } from '@/shared/admin-metrics';

const rest = `${testSupabaseUrl}/rest/v1`;
let role: string;
let adminCalls: string[];
const revenue: RevenueReport = {
  month: '2026-12',
  mrrCents: 32800,
  arrCents: 393600,
  mrrByPlan: [
    { plan: 'max', interval: 'year', subscriptions: 1, mrrCents: 24917 },
    { plan: 'pro', interval: 'month', subscriptions: 1, mrrCents: 2900 },
  ],
  newSubscriptions: 2,
  churnedSubscriptions: 1,
  pastDueSubscriptions: 1,
  packRevenueCents: 11000,
  packsSold: 2,
  refundsCents: 500,
  refunds: 1,
  disputesCents: 1000,
  disputes: 1,
  monthly: [
    { month: '2026-12', subscriptionCents: 2900, packCents: 11000, refundCents: 500, netCents: 13400 },
  ],
  definitions: { mrr: 'Sum over subscriptions with status active or past_due.', monthly: 'Per UTC month.' },
};

const server = setupServer(
  ...signedInShellHandlers,
  http.get(`${rest}/user_profiles`, () => HttpResponse.json([])),
  http.get(`${rest}/profiles`, ({ request }) =>
    HttpResponse.json(request.headers.get('accept')?.includes('vnd.pgrst.object') ? { role } : [{ role }]),
  ),
  http.get('*/api/admin/*', ({ request }) => {
    adminCalls.push(new URL(request.url).pathname);
    return new URL(request.url).pathname === '/api/admin/revenue'
      ? HttpResponse.json(revenue)
      : HttpResponse.json(
          { error: { code: 'NOT_FOUND', message: 'not mocked', requestId: 'r' } },
          { status: 404 },
        );
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  storeTestSession();
  role = 'member';
  adminCalls = [];
});
afterEach(() => {
  server.resetHandlers();
  clearTestSession();
});
afterAll(() => server.close());

describe('admin console', () => {
  it.each([
    '/admin',
    '/admin/revenue',
    '/admin/usage',
    '/admin/webhooks',
    '/admin/users',
    '/admin/users/x',
    '/admin/catalog',
    '/admin/prices',
  ])('shows a member the 404 page at %s and asks for no admin data', async (path) => {
    renderApp(path);
    expect(await screen.findByRole('heading', { name: 'We could not find that page' })).toBeTruthy();
    expect(adminCalls).toEqual([]);
  });

  it('shows an admin the revenue figures, each with how it is computed, and the console sections', async () => {
    role = 'admin';
    renderApp('/admin/revenue');
    expect(await screen.findByRole('heading', { name: 'Revenue', level: 1 })).toBeTruthy();
    expect(await screen.findByText('$328.00')).toBeTruthy();
    expect(screen.getByText('$3,936.00')).toBeTruthy();
    expect(screen.getByText(revenue.definitions.mrr!)).toBeTruthy();
    const nav = within(screen.getByRole('navigation', { name: 'Admin console' }));
    for (const section of ['Overview', 'Revenue', 'Usage', 'Webhooks', 'Users', 'Catalog', 'Prices']) {
      expect(nav.getByRole('link', { name: section })).toBeTruthy();
    }
    expect(nav.getByRole('link', { name: 'Support' }).getAttribute('href')).toBe('/admin/support');
    expect(adminCalls).toEqual(['/api/admin/revenue']);
  });
});
