/**
 * The header on a signed-in page: the live balance with what it is made of (a hold says so), and
 * the avatar's initial from the person's name rather than their e-mail.
 */
import { fireEvent, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { renderApp } from '@/test/render-app';
import { signedInShellHandlers } from '@/test/shell-handlers';
import { testSupabaseUrl } from '@/test/test-env';
import { clearTestSession, storeTestSession } from '@/test/test-session';

const rest = `${testSupabaseUrl}/rest/v1`;
const server = setupServer(
  ...signedInShellHandlers,
  http.get(`${rest}/user_profiles`, () =>
    HttpResponse.json({ display_name: 'Grace Hopper', avatar_url: null }),
  ),
  http.get(`${rest}/credit_balances`, () =>
    HttpResponse.json({
      allowance_balance: 700_000,
      allowance_period_end: new Date(Date.now() + 10 * 86_400_000).toISOString(),
      purchased_balance: 2_500_000,
      reserved_balance: 61_440,
      frozen: false,
      available: 3_138_560,
    }),
  ),
  http.get(`${rest}/credit_ledger`, () => HttpResponse.json({ amount: 1_000_000 })),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
beforeEach(() => storeTestSession());
afterEach(() => {
  server.resetHandlers();
  clearTestSession();
});
afterAll(() => server.close());

it('shows the balance with the hold, and its parts in a popover that links to billing', async () => {
  renderApp('/pricing');
  const trigger = await screen.findByRole('button', { name: /available: balance details$/ });
  expect(trigger.textContent).toBe('3.1M credits · 61,440 held, 3,138,560 available: balance details');
  fireEvent.click(trigger);
  const panel = document.getElementById(trigger.getAttribute('aria-controls')!)!;
  expect(within(panel).getByText('Allowance left this period').nextSibling?.textContent).toBe('700,000');
  expect(within(panel).getByText('Purchased credits').nextSibling?.textContent).toBe('2,500,000');
  expect(within(panel).getByText('Held for answers in progress').nextSibling?.textContent).toBe('61,440');
  expect(within(panel).getByRole('link', { name: 'Billing and credits' }).getAttribute('href')).toBe(
    '/billing',
  );
  fireEvent.keyDown(panel, { key: 'Escape' });
  expect(panel.hidden).toBe(true);
});

it("takes the avatar's initials from the name, not the e-mail", async () => {
  renderApp('/pricing');
  const menu = await screen.findByRole('button', { name: /Account menu/ });
  expect(await within(menu).findByText('GH')).toBeTruthy();
});
