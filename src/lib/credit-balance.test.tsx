import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testSupabaseUrl } from '@/test/test-env';
import { creditBalanceQueryOptions, fetchCreditBalance } from './credit-balance';
import { sharedQueryKeys } from './query-keys';

const rest = `${testSupabaseUrl}/rest/v1`;
const userId = '6d1f0c1e-2b0a-4f7e-9a51-0c3c1e7b2a10';
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** The requests made, so a test can check that both reads are scoped to the user. */
let requests: URL[] = [];

function answer(balance: Record<string, unknown>, grants: { amount: number | string }[]) {
  server.use(
    http.get(`${rest}/credit_balances`, ({ request }) => {
      requests.push(new URL(request.url));
      return HttpResponse.json(balance);
    }),
    http.get(`${rest}/credit_ledger`, ({ request }) => {
      requests.push(new URL(request.url));
      return HttpResponse.json(grants);
    }),
  );
}

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  requests = [];
});
afterAll(() => server.close());

describe('fetchCreditBalance', () => {
  it('reads the balance and the running period’s grant, and derives the allowance used', async () => {
    const periodEnd = inDays(10);
    answer(
      {
        allowance_balance: '750000',
        allowance_period_end: periodEnd,
        purchased_balance: 2_000_000,
        reserved_balance: '1000',
        frozen: false,
        available: '2749000',
      },
      [{ amount: '1000000' }],
    );

    await expect(fetchCreditBalance(userId)).resolves.toEqual({
      available: 2_749_000,
      purchased: 2_000_000,
      reserved: 1000,
      frozen: false,
      allowance: { remaining: 750_000, granted: 1_000_000, used: 250_000, periodEnd },
    });

    const [balance, grant] = [
      requests.find((url) => url.pathname.endsWith('/credit_balances')),
      requests.find((url) => url.pathname.endsWith('/credit_ledger')),
    ];
    expect(balance?.searchParams.get('user_id')).toBe(`eq.${userId}`);
    expect(grant?.searchParams.get('user_id')).toBe(`eq.${userId}`);
    expect(grant?.searchParams.get('kind')).toBe('eq.allowance_grant');
    expect(grant?.searchParams.get('order')).toBe('created_at.desc');
  });

  it('counts a lapsed period as nothing granted and nothing used, not as allowance spent', async () => {
    // The view reports the lapsed allowance as 0 while the latest grant still says 1M.
    answer(
      {
        allowance_balance: 0,
        allowance_period_end: inDays(-2),
        purchased_balance: 500,
        reserved_balance: 0,
        frozen: false,
        available: 500,
      },
      [{ amount: 1_000_000 }],
    );

    const balance = await fetchCreditBalance(userId);
    expect(balance.allowance).toEqual({ remaining: 0, granted: 0, used: 0, periodEnd: null });
    expect(balance.available).toBe(500);
  });

  it('reports no allowance when the user has never been granted one', async () => {
    answer(
      {
        allowance_balance: 0,
        allowance_period_end: null,
        purchased_balance: 0,
        reserved_balance: 0,
        frozen: true,
        available: 0,
      },
      [],
    );

    const balance = await fetchCreditBalance(userId);
    expect(balance).toMatchObject({ frozen: true, allowance: { granted: 0, used: 0, periodEnd: null } });
  });

  it('never reports a negative use when the allowance left exceeds the grant', async () => {
    answer(
      {
        allowance_balance: 1_200_000,
        allowance_period_end: inDays(5),
        purchased_balance: 0,
        reserved_balance: 0,
        frozen: false,
        available: 1_200_000,
      },
      [{ amount: 1_000_000 }],
    );

    await expect(fetchCreditBalance(userId)).resolves.toMatchObject({ allowance: { used: 0 } });
  });

  it('rejects a row that does not match the view instead of showing wrong numbers', async () => {
    answer({ available: 1000 }, []);
    await expect(fetchCreditBalance(userId)).rejects.toThrow();
  });
});

describe('creditBalanceQueryOptions', () => {
  it('keys each user’s balance under the one shared root that settlements and purchases invalidate', () => {
    const { queryKey } = creditBalanceQueryOptions(userId);
    expect(queryKey.slice(0, sharedQueryKeys.creditBalance.length)).toEqual([
      ...sharedQueryKeys.creditBalance,
    ]);
    expect(queryKey).toContain(userId);
  });
});
