import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { signedInShellHandlers } from '@/test/shell-handlers';
import { renderApp } from '@/test/render-app';
import { testSupabaseUrl } from '@/test/test-env';
import { clearTestSession, storeTestSession } from '@/test/test-session';

const rest = `${testSupabaseUrl}/rest/v1`;
const employeeId = 'e0000000-0000-4000-8000-000000000001';
const version = (n: number, changelog: string) => ({
  id: `v${n}`,
  employee_id: employeeId,
  version: n,
  provider: 'anthropic',
  model: n < 3 ? 'claude-sonnet-4-0' : 'claude-sonnet-4-5',
  changelog,
  created_at: `2026-0${n}-01T00:00:00Z`,
});

let hire: { id: string; employee_id: string; employee_version_id: string; is_active: boolean } | null;
const calls: string[] = [];

const server = setupServer(
  ...signedInShellHandlers,
  // The header's account menu reads the signed-in user's avatar.
  http.get(`${rest}/user_profiles`, () => HttpResponse.json([])),
  http.get(`${rest}/purchased_employees`, () =>
    HttpResponse.json(
      hire ? [{ ...hire, hired_at: '2026-09-01T10:00:00Z', version_pinned_at: '2026-09-01T10:00:00Z' }] : [],
    ),
  ),
  http.get(`${rest}/ai_employee_catalog`, () =>
    HttpResponse.json([
      {
        id: employeeId,
        slug: 'ada-code-reviewer',
        name: 'Ada',
        role: 'Senior Code Reviewer',
        category: 'engineering',
        avatar_url: null,
        latest_version: 3,
      },
    ]),
  ),
  http.get(`${rest}/ai_employee_version_history`, () =>
    HttpResponse.json([
      version(1, 'First release.'),
      version(2, 'Findings carry a severity.'),
      version(3, 'Moves to a newer model; shorter summaries.'),
    ]),
  ),
  http.post(`${rest}/rpc/upgrade_hire`, async ({ request }) => {
    calls.push(`upgrade ${JSON.stringify(await request.json())}`);
    if (hire) hire = { ...hire, employee_version_id: 'v3' };
    return HttpResponse.json(hire);
  }),
  http.patch(`${rest}/purchased_employees`, async ({ request }) => {
    const body = (await request.json()) as { is_active: boolean };
    calls.push(`update ${new URL(request.url).searchParams.get('id')} ${JSON.stringify(body)}`);
    if (hire) hire = { ...hire, ...body };
    return new HttpResponse(null, { status: 204 });
  }),
  http.delete(`${rest}/purchased_employees`, ({ request }) => {
    calls.push(`delete ${new URL(request.url).searchParams.get('id')}`);
    hire = null;
    return new HttpResponse(null, { status: 204 });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  storeTestSession();
  hire = { id: 'hire-1', employee_id: employeeId, employee_version_id: 'v1', is_active: true };
  calls.length = 0;
});
afterEach(() => {
  server.resetHandlers();
  clearTestSession();
});
afterAll(() => server.close());

it('shows the pinned version and upgrades after showing what changed', async () => {
  renderApp('/workforce');
  const row = (await screen.findByRole('heading', { level: 2, name: 'Ada' })).closest('li')!;
  expect(within(row).getByText(/Version 1/)).toBeTruthy();
  expect(within(row).getByText('Version 3 available')).toBeTruthy();

  fireEvent.click(within(row).getByRole('button', { name: 'Review the upgrade of Ada to version 3' }));
  const dialog = screen.getByRole('dialog', { name: 'Upgrade Ada to version 3' });
  const entries = within(dialog)
    .getAllByRole('listitem')
    .map((item) => item.textContent);
  expect(entries).toEqual([
    expect.stringContaining('Moves to a newer model; shorter summaries.'),
    expect.stringContaining('Findings carry a severity.'),
  ]);

  fireEvent.click(within(dialog).getByRole('button', { name: 'Upgrade to version 3' }));
  await waitFor(() => expect(within(row).queryByText('Version 3 available')).toBeNull());
  expect(calls).toEqual(['upgrade {"p_hire_id":"hire-1"}']);
  expect(await screen.findByText('Ada is on the latest version')).toBeTruthy();
  expect(within(row).getByText(/Version 3/)).toBeTruthy();
});

it('pauses a hire, and removes it after confirmation', async () => {
  renderApp('/workforce');
  fireEvent.click(await screen.findByRole('button', { name: 'Pause Ada' }));
  expect(await screen.findByRole('button', { name: 'Resume Ada' })).toBeTruthy();
  expect(screen.getByText('Paused')).toBeTruthy();

  fireEvent.click(screen.getByRole('button', { name: 'Remove Ada' }));
  const dialog = screen.getByRole('dialog', { name: 'Remove Ada from your workforce?' });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
  expect(await screen.findByRole('heading', { name: 'You have not hired anyone yet' })).toBeTruthy();
  expect(calls).toEqual(['update eq.hire-1 {"is_active":false}', 'delete eq.hire-1']);
});

it('shows the empty state with a way to the marketplace', async () => {
  hire = null;
  renderApp('/workforce');
  expect(await screen.findByRole('heading', { name: 'You have not hired anyone yet' })).toBeTruthy();
  expect(screen.getByRole('link', { name: 'Browse the marketplace' }).getAttribute('href')).toBe(
    '/marketplace',
  );
});
