import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { defaultUserSettings } from '@/lib/user-settings';
import { renderApp } from '@/test/render-app';
import { signedInShellHandlers } from '@/test/shell-handlers';
import { testSupabaseUrl } from '@/test/test-env';
import { clearTestSession, storeTestSession } from '@/test/test-session';

const rest = `${testSupabaseUrl}/rest/v1`;
const writes: Array<{ table: string; body: unknown }> = [];
const deletions: unknown[] = [];
let logouts = 0;
const userUpdates: unknown[] = [];
const endedSessions: string[] = [];
const sessionList = [
  {
    id: '11111111-1111-4111-8111-111111111111',
    user_agent:
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
    ip: '127.0.0.1',
    created_at: '2026-12-01T09:00:00Z',
    refreshed_at: '2026-12-03T09:00:00+00:00',
    current: true,
  },
  {
    id: '22222222-2222-4222-8222-222222222222',
    user_agent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
    ip: '198.51.100.4',
    created_at: '2026-11-20T09:00:00Z',
    refreshed_at: null,
    current: false,
  },
];

const server = setupServer(
  http.get(`${rest}/user_settings`, () => HttpResponse.json([defaultUserSettings])),
  ...signedInShellHandlers,
  http.get(`${rest}/user_profiles`, () =>
    HttpResponse.json([{ display_name: 'Alice', bio: null, avatar_url: null }]),
  ),
  http.get(`${rest}/model_pricing`, () =>
    HttpResponse.json([
      {
        provider: 'openai',
        model: 'gpt-4o-mini',
        display_name: 'GPT-4o mini',
        input_rate: 150000,
        output_rate: 600000,
        effective_from: '2026-01-01T00:00:00Z',
        effective_to: null,
      },
      {
        provider: 'anthropic',
        model: 'claude-sonnet-4-5',
        display_name: 'Claude Sonnet 4.5',
        input_rate: 3000000,
        output_rate: 15000000,
        effective_from: '2026-01-01T00:00:00Z',
        effective_to: null,
      },
      {
        provider: 'openai',
        model: 'gpt-retired',
        display_name: 'Retired',
        input_rate: 1000000,
        output_rate: 1000000,
        effective_from: '2025-01-01T00:00:00Z',
        effective_to: '2025-06-01T00:00:00Z',
      },
    ]),
  ),
  http.get(`${rest}/audit_logs`, () =>
    HttpResponse.json([
      {
        id: 'a1',
        action: 'account.export',
        ip: '203.0.113.9',
        user_agent: null,
        created_at: '2026-12-01T10:00:00Z',
      },
    ]),
  ),
  http.get('*/api/account/sessions', () =>
    HttpResponse.json({
      sessions: sessionList.filter((session) => !endedSessions.includes(session.id)),
    }),
  ),
  http.delete('*/api/account/sessions/:id', ({ params }) => {
    endedSessions.push(String(params.id));
    return new HttpResponse(null, { status: 204 });
  }),
  http.patch(`${rest}/user_settings`, async ({ request }) => {
    const body = (await request.json()) as Record<string, unknown>;
    writes.push({ table: 'user_settings', body });
    return HttpResponse.json([{ ...defaultUserSettings, ...body }]);
  }),
  http.delete('*/api/account', async ({ request }) => {
    deletions.push(await request.json());
    return HttpResponse.json(
      { error: { code: 'UNAUTHENTICATED', message: 'That password is not correct.', requestId: 'req-1' } },
      { status: 401 },
    );
  }),
  http.put(`${testSupabaseUrl}/auth/v1/user`, async ({ request }) => {
    userUpdates.push(await request.json());
    return HttpResponse.json(
      {
        code: 'current_password_invalid',
        error_code: 'current_password_invalid',
        msg: 'Current password required when setting new password.',
      },
      { status: 400, headers: { 'x-supabase-api-version': '2024-01-01' } },
    );
  }),
  http.post(`${testSupabaseUrl}/auth/v1/logout`, () => {
    logouts += 1;
    return new HttpResponse(null, { status: 204 });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  storeTestSession();
  writes.length = 0;
  deletions.length = 0;
  logouts = 0;
  userUpdates.length = 0;
  endedSessions.length = 0;
});
afterEach(() => {
  server.resetHandlers();
  clearTestSession();
});
afterAll(() => server.close());

it('offers only currently priced models and saves the AI defaults', async () => {
  renderApp('/settings');
  const model = (await screen.findByLabelText('Default model')) as HTMLSelectElement;
  await waitFor(() => expect(model.options.length).toBe(3));
  expect([...model.options].map((option) => option.textContent)).toEqual([
    "Each employee's own model",
    'GPT-4o mini (openai)',
    'Claude Sonnet 4.5 (anthropic)',
  ]);
  fireEvent.change(model, { target: { value: 'anthropic/claude-sonnet-4-5' } });
  fireEvent.click(screen.getByLabelText('Stream answers as they are written'));
  fireEvent.change(screen.getByLabelText('Default team-run budget (credits)'), {
    target: { value: '50000' },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Save AI defaults' }));
  expect(await screen.findByText('Your AI defaults are saved.')).toBeTruthy();
  expect(writes).toEqual([
    {
      table: 'user_settings',
      body: {
        default_provider: 'anthropic',
        default_model: 'claude-sonnet-4-5',
        temperature: 0.7,
        streaming: false,
        default_run_budget_credits: 50000,
      },
    },
  ]);
  expect(screen.getByText('Data export downloaded')).toBeTruthy();
});

it('says when the chosen default model takes only its own temperature', async () => {
  server.use(
    http.get(`${rest}/model_pricing`, () =>
      HttpResponse.json([
        {
          provider: 'anthropic',
          model: 'claude-sonnet-5-5',
          display_name: 'Claude Sonnet 5.5',
          input_rate: 2000000,
          output_rate: 10000000,
          effective_from: '2026-12-01T00:00:00Z',
          effective_to: null,
        },
      ]),
    ),
  );
  renderApp('/settings');
  const model = (await screen.findByLabelText('Default model')) as HTMLSelectElement;
  await waitFor(() => expect(model.options.length).toBe(2));
  const hint = 'Claude 5 models accept only their default sampling: chats on it leave this setting out.';
  expect(screen.queryByText(hint)).toBeNull();
  fireEvent.change(model, { target: { value: 'anthropic/claude-sonnet-5-5' } });
  expect(screen.getByText(hint)).toBeTruthy();
});

it('saves "each employee\'s own model" as no default model', async () => {
  renderApp('/settings');
  const model = (await screen.findByLabelText('Default model')) as HTMLSelectElement;
  await waitFor(() => expect(model.options.length).toBe(3));
  fireEvent.change(model, { target: { value: '' } });
  fireEvent.click(screen.getByRole('button', { name: 'Save AI defaults' }));
  expect(await screen.findByText('Your AI defaults are saved.')).toBeTruthy();
  expect(writes[0]?.body).toMatchObject({ default_provider: null, default_model: null });
});

it('refuses an invalid budget without saving', async () => {
  renderApp('/settings');
  const budget = await screen.findByLabelText('Default team-run budget (credits)');
  fireEvent.change(budget, { target: { value: '12.5' } });
  fireEvent.click(screen.getByRole('button', { name: 'Save AI defaults' }));
  expect(await screen.findByText('A whole number of credits between 1 and 1,000,000,000.')).toBeTruthy();
  expect(writes).toEqual([]);
});

it('deletes only once DELETE is typed, and a wrong password keeps the user signed in', async () => {
  renderApp('/settings');
  fireEvent.click(await screen.findByRole('button', { name: 'Delete account…' }));
  const dialog = screen.getByRole('dialog', { name: 'Delete your account' });
  const submit = within(dialog).getByRole('button', { name: 'Delete my account' }) as HTMLButtonElement;
  fireEvent.change(within(dialog).getByLabelText('Current password'), { target: { value: 'guess' } });
  fireEvent.change(within(dialog).getByLabelText('Type DELETE to confirm'), { target: { value: 'delete' } });
  expect(submit.disabled).toBe(true);
  fireEvent.change(within(dialog).getByLabelText('Type DELETE to confirm'), { target: { value: 'DELETE' } });
  fireEvent.click(submit);
  expect(await within(dialog).findByText('That password is not correct.')).toBeTruthy();
  expect(deletions).toEqual([{ password: 'guess', confirm: 'DELETE' }]);
  expect(logouts).toBe(0);
  expect(screen.getByRole('heading', { name: 'Settings', level: 1 })).toBeTruthy();
});

it('changes the password only with the current one, and says so when it is wrong', async () => {
  renderApp('/settings');
  const section = (await screen.findByRole('heading', { name: 'Password' })).closest('section')!;
  const submit = within(section).getByRole('button', { name: 'Change password' }) as HTMLButtonElement;
  fireEvent.change(within(section).getByLabelText('New password'), {
    target: { value: 'a brand new password' },
  });
  fireEvent.change(within(section).getByLabelText('Repeat the new password'), {
    target: { value: 'a brand new password' },
  });
  expect(submit.disabled).toBe(true);
  fireEvent.change(within(section).getByLabelText('Current password'), { target: { value: 'guess' } });
  fireEvent.click(submit);
  expect(
    await within(section).findByText('That is not your current password. Nothing was changed.'),
  ).toBeTruthy();
  expect(userUpdates).toHaveLength(1);
  expect(userUpdates[0]).toMatchObject({ password: 'a brand new password', current_password: 'guess' });
  expect(logouts).toBe(0);
});

it('lists the signed-in devices, marks this one, and signs another one out', async () => {
  renderApp('/settings');
  const list = await screen.findByRole('list', { name: 'Signed-in devices' });
  await within(list).findByText('Chrome on Linux');
  expect(within(list).getByText('This device')).toBeTruthy();
  expect(within(list).getByText('Safari on iOS')).toBeTruthy();
  // Only the other device has a sign-out button.
  const buttons = within(list).getAllByRole('button');
  expect(buttons).toHaveLength(1);
  fireEvent.click(buttons[0]!);
  expect(await screen.findByText('That device is signed out.')).toBeTruthy();
  expect(endedSessions).toEqual(['22222222-2222-4222-8222-222222222222']);
  await waitFor(() => expect(within(list).queryByText('Safari on iOS')).toBeNull());
});
