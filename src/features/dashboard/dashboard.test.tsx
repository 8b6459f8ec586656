import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signedInShellHandlers } from '@/test/shell-handlers';
import { renderApp } from '@/test/render-app';
import { testSupabaseUrl } from '@/test/test-env';
import { clearTestSession, storeTestSession } from '@/test/test-session';
import { formatDay } from './format';
import type { UsageRow } from './schemas';
import { dayKey, summariseUsage } from './usage-summary';

const rest = `${testSupabaseUrl}/rest/v1`;

/** Noon (local time) `daysAgo` days before today, as the database would send it. */
const at = (daysAgo: number) => {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() - daysAgo, 12).toISOString();
};

const usageRow = (daysAgo: number, model: string, credits: number, tokens = 1000) => ({
  created_at: at(daysAgo),
  provider: model.startsWith('claude') ? 'anthropic' : 'openai',
  model,
  credits_charged: String(credits),
  input_tokens: tokens / 2,
  output_tokens: tokens / 2,
  cached_tokens: 0,
});

let usageRows: ReturnType<typeof usageRow>[] = [];

const server = setupServer(
  ...signedInShellHandlers,
  // The header's account menu reads the signed-in user's avatar.
  http.get(`${rest}/user_profiles`, () => HttpResponse.json([])),
  http.get(`${rest}/credit_balances`, () =>
    HttpResponse.json({
      allowance_balance: 750_000,
      allowance_period_end: new Date(Date.now() + 10 * 86_400_000).toISOString(),
      purchased_balance: 2_000_000,
      reserved_balance: 0,
      frozen: false,
      available: 2_750_000,
    }),
  ),
  http.get(`${rest}/credit_ledger`, ({ request }) => {
    const kind = new URL(request.url).searchParams.get('kind');
    if (kind === 'eq.allowance_grant') return HttpResponse.json([{ amount: 1_000_000 }]);
    return HttpResponse.json([
      { id: 'l2', created_at: at(0), kind: 'usage', bucket: 'allowance', amount: -250_000 },
      { id: 'l1', created_at: at(3), kind: 'allowance_grant', bucket: 'allowance', amount: 1_000_000 },
    ]);
  }),
  http.get(`${rest}/token_usage`, () => HttpResponse.json(usageRows)),
  http.get(`${rest}/usage_alerts`, () =>
    HttpResponse.json([
      {
        id: 'a1',
        threshold_percent: 80,
        kind: 'critical',
        used_credits: 800_000,
        allowance_credits: 1_000_000,
        triggered_at: at(1),
      },
      {
        id: 'a2',
        threshold_percent: 10,
        kind: 'purchased_low',
        used_credits: 4_600_000,
        allowance_credits: 5_000_000,
        triggered_at: at(0),
      },
    ]),
  ),
  http.get(`${rest}/notifications`, () => HttpResponse.json([])),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  usageRows = [];
  clearTestSession();
});
afterAll(() => server.close());

describe('summariseUsage', () => {
  it('sums credits by local day and by model over the window, zero-filling quiet days', () => {
    const rows: UsageRow[] = [
      { createdAt: at(0), provider: 'openai', model: 'gpt-5-mini', credits: 40, tokens: 100 },
      { createdAt: at(0), provider: 'anthropic', model: 'claude-sonnet-4-5', credits: 300, tokens: 900 },
      { createdAt: at(2), provider: 'openai', model: 'gpt-5-mini', credits: 60, tokens: 200 },
      // Outside a 7-day window: left out of every figure.
      { createdAt: at(9), provider: 'openai', model: 'gpt-5-mini', credits: 1_000, tokens: 5_000 },
    ];
    const summary = summariseUsage(rows, 7);

    expect(summary.days).toHaveLength(7);
    expect(summary.days.at(-1)?.day).toBe(dayKey(new Date()));
    expect(summary.days.map((day) => day.credits)).toEqual([0, 0, 0, 0, 60, 0, 340]);
    expect(summary.totalCredits).toBe(400);
    expect(summary.totalCalls).toBe(3);
    expect(
      summary.models.map(({ model, credits, tokens, calls }) => ({ model, credits, tokens, calls })),
    ).toEqual([
      { model: 'claude-sonnet-4-5', credits: 300, tokens: 900, calls: 1 },
      { model: 'gpt-5-mini', credits: 100, tokens: 300, calls: 2 },
    ]);
  });
});

describe('dashboard page', () => {
  it('shows the balance, the allowance used, usage by day and by model, alerts and activity', async () => {
    storeTestSession();
    usageRows = [
      usageRow(0, 'claude-sonnet-4-5', 120_000, 4000),
      usageRow(0, 'gpt-5-mini', 30_000),
      usageRow(1, 'claude-sonnet-4-5', 100_000, 2000),
    ];
    renderApp('/dashboard');

    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeTruthy();
    const meter = await screen.findByRole('progressbar', { name: 'Allowance used this period' });
    expect(meter.getAttribute('aria-valuenow')).toBe('25');
    expect(meter.getAttribute('aria-valuetext')).toBe('250K of 1M credits (25%)');

    const chart = await screen.findByRole('img', { name: /Credits used per day over the last 30 days/ });
    // One column per day, each with its tooltip; today's stack has both models.
    const today = chart.querySelector(`[data-day="${dayKey(new Date())}"]`);
    expect(today?.querySelector('title')?.textContent).toBe(
      `${formatDay(dayKey(new Date()))}: 150,000 credits, 2 calls`,
    );
    expect(today?.querySelectorAll('rect.usage-chart__bar')).toHaveLength(2);
    expect(chart.querySelectorAll('g[data-day]')).toHaveLength(30);

    const legend = screen.getByRole('list', { name: 'Models in the chart' });
    expect(
      within(legend)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['claude-sonnet-4-5', 'gpt-5-mini']);

    const dailyTable = screen.getByRole('table', { name: 'Credits used per day' });
    expect(within(dailyTable).getAllByRole('row')).toHaveLength(31);
    const todayRow = within(dailyTable).getByRole('row', {
      name: new RegExp(`^${formatDay(dayKey(new Date()))} `),
    });
    expect(
      within(todayRow)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['150,000', '2']);

    const byModel = screen.getByRole('table', { name: 'Usage by model' });
    const claude = within(byModel).getByRole('row', { name: /claude-sonnet-4-5/ });
    expect(
      within(claude)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['220K', '6,000', '2']);

    expect(await screen.findByText("80% of this month's allowance used")).toBeTruthy();
    expect(screen.getByText('Purchased credits running low')).toBeTruthy();
    expect(
      screen.getByText('Under 10% of the 5,000,000 credits you had after your last purchase are left.'),
    ).toBeTruthy();
    const activity = await screen.findByRole('table', { name: 'Latest credit movements' });
    expect(within(activity).getByRole('cell', { name: '-250,000' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Hire from the marketplace' }).getAttribute('href')).toBe(
      '/marketplace',
    );
  });

  it('invites a first chat when there is no usage yet', async () => {
    storeTestSession();
    renderApp('/dashboard');
    expect(await screen.findByRole('heading', { name: 'No usage yet — start a chat' })).toBeTruthy();
    expect(screen.queryByRole('img', { name: /Credits used per day/ })).toBeNull();
  });

  it('shows an error with a retry when usage cannot be loaded, and the rest of the page still', async () => {
    storeTestSession();
    server.use(
      http.get(`${rest}/token_usage`, () =>
        HttpResponse.json({ code: 'XX000', message: 'boom', details: null, hint: null }, { status: 500 }),
      ),
    );
    renderApp('/dashboard');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Your usage could not be loaded')).toBeTruthy();
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(await screen.findByRole('progressbar', { name: 'Allowance used this period' })).toBeTruthy();
  });
});
