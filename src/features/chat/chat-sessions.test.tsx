/**
 * The chat page's sessions list and failed answers, against msw stand-ins for the Supabase API
 * and POST /api/agents/execute: rename inline, delete after confirmation, search by title on the
 * server, and Retry after an answer failed.
 */
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
const planId = 'a0000000-0000-4000-8000-000000000001';
const notesId = 'a0000000-0000-4000-8000-000000000002';

interface SessionRow {
  id: string;
  title: string;
  employee_id: string;
  last_message_at: string;
  created_at: string;
}
const row = (id: string, title: string): SessionRow => ({
  id,
  title,
  employee_id: employeeId,
  last_message_at: '2026-11-20T10:00:00Z',
  created_at: '2026-11-20T09:00:00Z',
});

let sessions: SessionRow[];
const calls: string[] = [];
const executeBodies: unknown[] = [];
let executeAnswers: string[];

const sse = (events: [string, unknown][]) =>
  new HttpResponse(
    events.map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join(''),
    {
      headers: { 'Content-Type': 'text/event-stream' },
    },
  );

const server = setupServer(
  ...signedInShellHandlers,
  // The header's account menu reads the signed-in user's avatar.
  http.get(`${rest}/user_profiles`, () => HttpResponse.json([])),
  http.get(`${rest}/chat_sessions`, ({ request }) => {
    const filter = new URL(request.url).searchParams.get('title');
    calls.push(`list ${filter ?? 'all'}`);
    // The stand-in knows just enough of ilike for these tests: `ilike.%term%`, case-insensitive.
    const term = filter?.replace(/^ilike\.%|%$/g, '').toLowerCase();
    return HttpResponse.json(term ? sessions.filter((s) => s.title.toLowerCase().includes(term)) : sessions);
  }),
  http.patch(`${rest}/chat_sessions`, async ({ request }) => {
    const id = new URL(request.url).searchParams.get('id')!.replace('eq.', '');
    const body = (await request.json()) as { title: string };
    calls.push(`rename ${id} ${body.title}`);
    sessions = sessions.map((s) => (s.id === id ? { ...s, ...body } : s));
    return HttpResponse.json([{ id }]);
  }),
  http.delete(`${rest}/chat_sessions`, ({ request }) => {
    const id = new URL(request.url).searchParams.get('id')!.replace('eq.', '');
    calls.push(`delete ${id}`);
    sessions = sessions.filter((s) => s.id !== id);
    return HttpResponse.json([{ id }]);
  }),
  http.get(`${rest}/chat_messages`, () => HttpResponse.json([])),
  http.get(`${rest}/chat_attachments`, ({ request }) => {
    const session = new URL(request.url).searchParams.get('session_id')?.replace('eq.', '');
    return HttpResponse.json(session === planId ? [{ object_path: 'u/1/plan.pdf' }] : []);
  }),
  http.delete(`${rest.replace('/rest/v1', '/storage/v1')}/object/chat-attachments`, async ({ request }) => {
    const body = (await request.json()) as { prefixes: string[] };
    calls.push(`remove files ${body.prefixes.join(',')}`);
    return HttpResponse.json(body.prefixes.map((name) => ({ name })));
  }),
  http.get(`${rest}/credit_balances`, () =>
    HttpResponse.json({
      allowance_balance: 1000,
      allowance_period_end: new Date(Date.now() + 10 * 86_400_000).toISOString(),
      purchased_balance: 0,
      reserved_balance: 0,
      frozen: false,
      available: 1000,
    }),
  ),
  http.get(`${rest}/credit_ledger`, () => HttpResponse.json([{ amount: 1000 }])),
  http.get(`${rest}/purchased_employees`, () =>
    HttpResponse.json([{ employee_id: employeeId, employee_version_id: 'v1' }]),
  ),
  http.get(`${rest}/ai_employee_catalog`, () =>
    HttpResponse.json([
      {
        id: employeeId,
        name: 'Ada',
        role: 'Planner',
        description: 'Plans.',
        skills: ['Planning'],
        avatar_url: null,
      },
    ]),
  ),
  http.get(`${rest}/ai_employee_version_history`, () =>
    HttpResponse.json([{ id: 'v1', version: 2, model: 'gpt-4o-mini' }]),
  ),
  // 0.3 credits per answer token: a long answer (4,096) holds more than the 1,000 available.
  http.post('*/api/agents/estimate', async ({ request }) => {
    const { max_tokens } = (await request.json()) as { max_tokens: number };
    return HttpResponse.json({
      hold_credits: Math.ceil(max_tokens * 0.3),
      max_tokens,
      plan_max_tokens: 4096,
    });
  }),
  http.post('*/api/agents/execute', async ({ request }) => {
    executeBodies.push(await request.json());
    const ids = { session_id: planId, user_message_id: 'u1', assistant_message_id: 'a1' };
    const next = executeAnswers.shift();
    if (next === 'no-credits')
      return HttpResponse.json(
        {
          error: {
            code: 'INSUFFICIENT_CREDITS',
            message: 'Not enough credits for this request. Buy a token pack or upgrade your plan.',
            requestId: 'r2',
            details: { available: 1000, required: 1229 },
          },
        },
        { status: 402 },
      );
    return next === 'fail'
      ? sse([
          ['session', ids],
          [
            'error',
            { error: { code: 'UPSTREAM_FAILED', message: 'The model provider failed.', requestId: 'r1' } },
          ],
        ])
      : sse([
          ['session', ids],
          ['delta', { text: 'Here is the plan.' }],
          ['done', { finish_reason: 'stop', credits_charged: 3, balance: 997 }],
        ]);
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  storeTestSession();
  sessions = [row(planId, 'Q3 plan'), row(notesId, 'Meeting notes')];
  calls.length = 0;
  executeBodies.length = 0;
  executeAnswers = [];
});
afterEach(() => {
  server.resetHandlers();
  clearTestSession();
});
afterAll(() => server.close());

const chatList = () => screen.findByRole('navigation', { name: 'Your chats' });

it('renames a chat inline: Escape cancels, Enter saves', async () => {
  renderApp(`/chat/${planId}`);
  const list = await chatList();

  fireEvent.click(within(list).getByRole('button', { name: 'Actions for Q3 plan' }));
  fireEvent.click(within(list).getByRole('menuitem', { name: 'Rename' }));
  let input = within(list).getByRole('textbox', { name: 'New title for Q3 plan' });
  expect(input.getAttribute('maxlength')).toBe('200');
  fireEvent.change(input, { target: { value: 'Never saved' } });
  fireEvent.keyDown(input, { key: 'Escape' });
  expect(within(list).queryByRole('textbox')).toBeNull();
  expect(within(list).getByRole('link', { name: /Q3 plan/ })).toBeTruthy();

  fireEvent.click(within(list).getByRole('button', { name: 'Actions for Q3 plan' }));
  fireEvent.click(within(list).getByRole('menuitem', { name: 'Rename' }));
  input = within(list).getByRole('textbox', { name: 'New title for Q3 plan' });
  expect((input as HTMLInputElement).value).toBe('Q3 plan');
  fireEvent.change(input, { target: { value: '  Q3 launch plan  ' } });
  fireEvent.keyDown(input, { key: 'Enter' });
  // Shown before the server answers (optimistic), and still there once the list is refetched.
  expect(await within(list).findByRole('link', { name: /Q3 launch plan/ })).toBeTruthy();
  await waitFor(() => expect(calls.filter((call) => call === 'list all')).toHaveLength(2));
  expect(within(list).getByRole('link', { name: /Q3 launch plan/ })).toBeTruthy();
  expect(calls.filter((call) => !call.startsWith('list'))).toEqual([`rename ${planId} Q3 launch plan`]);
});

it('deletes a chat only after confirmation, and leaves the open chat for the chat home', async () => {
  const { router } = renderApp(`/chat/${planId}`);
  const list = await chatList();

  fireEvent.click(within(list).getByRole('button', { name: 'Actions for Meeting notes' }));
  fireEvent.click(within(list).getByRole('menuitem', { name: 'Delete' }));
  let dialog = screen.getByRole('dialog', { name: 'Delete this chat?' });
  fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
  expect(screen.queryByRole('dialog')).toBeNull();
  expect(calls.some((call) => call.startsWith('delete'))).toBe(false);

  fireEvent.click(within(list).getByRole('button', { name: 'Actions for Q3 plan' }));
  fireEvent.click(within(list).getByRole('menuitem', { name: 'Delete' }));
  dialog = screen.getByRole('dialog', { name: 'Delete this chat?' });
  expect(dialog.textContent).toContain('“Q3 plan” and all its messages will be deleted.');
  fireEvent.click(within(dialog).getByRole('button', { name: 'Delete chat' }));

  await waitFor(() => expect(router.state.location.pathname).toBe('/chat'));
  await waitFor(() => expect(within(list).queryByRole('link', { name: /Q3 plan/ })).toBeNull());
  // The chat's attached files go first (through Storage, which loads on first use), then the
  // chat and its messages; the list dropped the chat before the server was asked.
  await waitFor(() =>
    expect(calls.filter((call) => !call.startsWith('list'))).toEqual([
      `remove files u/1/plan.pdf`,
      `delete ${planId}`,
    ]),
  );
  expect(within(list).getByRole('link', { name: /Meeting notes/ })).toBeTruthy();
});

it('searches chats by title on the server, with LIKE wildcards matched literally', async () => {
  renderApp('/chat');
  const list = await chatList();
  const search = screen.getByRole('searchbox', { name: 'Search your chats' });

  fireEvent.change(search, { target: { value: 'meeting' } });
  await waitFor(() => expect(within(list).queryByRole('link', { name: /Q3 plan/ })).toBeNull());
  expect(within(list).getByRole('link', { name: /Meeting notes/ })).toBeTruthy();
  expect(calls).toContain('list ilike.%meeting%');

  fireEvent.change(search, { target: { value: '100%_*done' } });
  expect(await screen.findByText('No chats match your search.')).toBeTruthy();
  expect(calls).toContain('list ilike.%100\\%\\_ done%');
});

it('offers Retry after an answer failed, and answers the stored message again in the same session', async () => {
  executeAnswers = ['fail', 'ok'];
  renderApp(`/chat/${planId}`);
  const box = await screen.findByRole('textbox', { name: 'Message' });
  await waitFor(() => expect((box as HTMLTextAreaElement).disabled).toBe(false));
  fireEvent.change(box, { target: { value: 'Draft the Q3 plan' } });
  fireEvent.keyDown(box, { key: 'Enter' });

  const alert = await screen.findByRole('alert');
  expect(alert.textContent).toContain('The model provider failed.');
  fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));

  await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  await waitFor(() => expect(executeBodies).toHaveLength(2));
  // The message was stored with the failed answer: it is answered again, not sent twice.
  expect(executeBodies).toEqual([
    { employee_id: employeeId, session_id: planId, message: 'Draft the Q3 plan', max_tokens: 4096 },
    { employee_id: employeeId, session_id: planId, answer_again: 'u1', max_tokens: 4096 },
  ]);
});

it('says before sending that a long answer is not covered; a refused message comes back, and a shorter answer gets through', async () => {
  executeAnswers = ['no-credits', 'ok'];
  renderApp(`/chat/${planId}`);
  const box = await screen.findByRole('textbox', { name: 'Message' });
  await waitFor(() => expect((box as HTMLTextAreaElement).disabled).toBe(false));
  fireEvent.change(box, { target: { value: 'Draft the Q3 plan' } });
  expect(await screen.findByText(/Not enough credits for a long answer/)).toBeTruthy();
  expect(screen.getByText(/1,229 credits/)).toBeTruthy();

  fireEvent.keyDown(box, { key: 'Enter' });
  const alert = await screen.findByRole('alert');
  expect(alert.textContent).toContain('Not enough credits');
  // The message is back in the composer, ready to send with a shorter answer.
  await waitFor(() => expect((box as HTMLTextAreaElement).value).toBe('Draft the Q3 plan'));

  fireEvent.change(screen.getByRole('combobox', { name: 'Answer length' }), { target: { value: 'short' } });
  await waitFor(() => expect(screen.queryByText(/Not enough credits for a/)).toBeNull());
  expect(await screen.findByText(/154 credits/)).toBeTruthy();
  fireEvent.keyDown(box, { key: 'Enter' });
  await waitFor(() => expect(executeBodies).toHaveLength(2));
  expect(executeBodies[1]).toEqual({
    employee_id: employeeId,
    session_id: planId,
    message: 'Draft the Q3 plan',
    max_tokens: 512,
  });
});

it('gives each chat one Tab stop; its actions are an arrow key away', async () => {
  renderApp('/chat');
  const list = await chatList();
  const link = within(list).getByRole('link', { name: /Q3 plan/ });
  expect(within(list).getAllByRole('link')).toHaveLength(2);
  const tabbable = within(list)
    .getAllByRole('button', { hidden: true })
    .filter((button) => button.tabIndex >= 0);
  expect(tabbable).toEqual([]);
  link.focus();
  fireEvent.keyDown(link, { key: 'ArrowRight' });
  expect(document.activeElement).toBe(within(list).getByRole('button', { name: 'Actions for Q3 plan' }));
});
