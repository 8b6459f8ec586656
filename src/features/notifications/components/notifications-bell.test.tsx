/**
 * The header bell against PostgREST responses in their wire format (msw): the unread count in the
 * button's name, the list, marking one and all as read (the PATCH the server would receive, and
 * the count dropping at once). Live delivery is tested against the real Realtime server in
 * tests/integration/spa and the e2e suite.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { testSupabaseUrl } from '@/test/test-env';
import { NotificationsBell } from './notifications-bell';

const rest = `${testSupabaseUrl}/rest/v1`;
const userId = '0d7f3c52-96c4-4e55-8a8e-4f1c2a9b7e11';

let rows = [
  {
    id: 'n1',
    kind: 'usage_alert',
    title: null as string | null,
    body: '',
    facts: { kind: 'critical', thresholdPercent: 80, usedCredits: 800, allowanceCredits: 1000 } as unknown,
    link: '/billing',
    read_at: null as string | null,
    created_at: new Date(Date.now() - 5 * 60_000).toISOString(),
  },
  {
    id: 'n2',
    kind: 'billing',
    title: 'Token pack added' as string | null,
    body: '10,000,000 credits',
    facts: null as unknown,
    link: null,
    read_at: null as string | null,
    created_at: new Date(Date.now() - 3_600_000).toISOString(),
  },
];
const patches: Array<{ url: URL; body: Record<string, unknown> }> = [];

const server = setupServer(
  http.head(`${rest}/notifications`, () => {
    const unread = rows.filter((row) => row.read_at === null).length;
    return new HttpResponse(null, { status: 200, headers: { 'content-range': `*/${unread}` } });
  }),
  http.get(`${rest}/notifications`, () => HttpResponse.json(rows)),
  http.patch(`${rest}/notifications`, async ({ request }) => {
    const url = new URL(request.url);
    const body = (await request.json()) as Record<string, unknown>;
    patches.push({ url, body });
    const ids = url.searchParams
      .get('id')
      ?.replace(/^in\.\((.*)\)$/, '$1')
      .split(',');
    const marked = rows.filter((row) => row.read_at === null && (!ids || ids.includes(row.id)));
    rows = rows.map((row) => (marked.includes(row) ? { ...row, read_at: String(body.read_at) } : row));
    return HttpResponse.json(marked.map((row) => ({ id: row.id })));
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function renderBell() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter([{ path: '*', element: <NotificationsBell userId={userId} /> }]);
  return render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}

it('shows the unread count, lists the notifications and marks them read', async () => {
  renderBell();
  const toggle = await screen.findByRole('button', { name: 'Notifications, 2 unread' });
  fireEvent.click(toggle);
  const panel = await screen.findByRole('region', { name: 'Notifications' });
  // A usage alert is stored as facts and worded by the app.
  expect(await within(panel).findByText("80% of this month's allowance used")).toBeTruthy();
  expect(within(panel).getByText('800 of 1,000 credits.')).toBeTruthy();
  expect(within(panel).getByText('10,000,000 credits')).toBeTruthy();

  fireEvent.click(within(panel).getByRole('button', { name: 'Mark “Token pack added” as read' }));
  await screen.findByRole('button', { name: 'Notifications, 1 unread' });
  const one = patches.at(-1)!;
  expect(one.url.searchParams.get('id')).toBe('in.(n2)');
  expect(one.url.searchParams.get('user_id')).toBe(`eq.${userId}`);
  expect(one.url.searchParams.get('read_at')).toBe('is.null');
  expect(Date.parse(String(one.body.read_at))).not.toBeNaN();

  fireEvent.click(within(panel).getByRole('button', { name: 'Mark all as read' }));
  await screen.findByRole('button', { name: 'Notifications' });
  expect(patches.at(-1)!.url.searchParams.get('id')).toBeNull();
  await waitFor(() => expect(within(panel).queryByText(/Unread/)).toBeNull());
});

it('says so when there is nothing to show', async () => {
  rows = [];
  renderBell();
  fireEvent.click(await screen.findByRole('button', { name: 'Notifications' }));
  expect(await screen.findByText('You’re all caught up.')).toBeTruthy();
});
