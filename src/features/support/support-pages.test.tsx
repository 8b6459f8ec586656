import { fireEvent, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderApp } from '@/test/render-app';
import { testSupabaseUrl } from '@/test/test-env';
import { clearTestSession, storeTestSession } from '@/test/test-session';

const rest = `${testSupabaseUrl}/rest/v1`;
const ticketId = '7e000000-0000-4000-8000-000000000001';
const ticket = {
  id: ticketId,
  user_id: '00000000-0000-4000-8000-00000000a11c',
  subject: 'Charged twice',
  category: 'billing',
  status: 'pending',
  priority: 'normal',
  chat_session_id: null,
  last_message_at: '2026-12-01T10:00:00Z',
  created_at: '2026-12-01T09:00:00Z',
};
const messages = [
  {
    id: 'm1',
    ticket_id: ticketId,
    author_id: ticket.user_id,
    is_staff: false,
    body: 'Why **twice**?',
    created_at: '2026-12-01T09:00:00Z',
  },
  {
    id: 'm2',
    ticket_id: ticketId,
    author_id: null,
    is_staff: true,
    body: 'Refunded. <img src=x onerror=alert(1)>',
    created_at: '2026-12-01T10:00:00Z',
  },
];

let role: string;
// `.single()` asks PostgREST for one object instead of an array.
const one = (request: Request, row: Record<string, unknown>) =>
  HttpResponse.json(request.headers.get('accept')?.includes('vnd.pgrst.object') ? row : [row]);

let openTicket: () => Response;
const server = setupServer(
  http.get(`${rest}/support_tickets`, ({ request }) =>
    new URL(request.url).searchParams.get('id') ? one(request, ticket) : HttpResponse.json([]),
  ),
  http.get(`${rest}/support_ticket_messages`, () => HttpResponse.json(messages)),
  http.get(`${rest}/chat_sessions`, () => HttpResponse.json([])),
  http.get(`${rest}/profiles`, ({ request }) => one(request, { role })),
  http.post(`${rest}/rpc/open_support_ticket`, () => openTicket()),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  storeTestSession();
  role = 'member';
});
afterEach(() => {
  server.resetHandlers();
  clearTestSession();
});
afterAll(() => server.close());

async function fillNewTicket() {
  await screen.findByRole('heading', { name: 'Open a ticket' });
  fireEvent.change(screen.getByLabelText(/Subject/), { target: { value: 'Charged twice' } });
  fireEvent.change(screen.getByLabelText(/Category/), { target: { value: 'billing' } });
  fireEvent.change(screen.getByLabelText(/^Message/), { target: { value: 'Why **twice**?' } });
  fireEvent.click(screen.getByRole('button', { name: 'Open ticket' }));
}

describe('support pages', () => {
  it('shows the database’s daily-limit message when an 11th ticket is refused', async () => {
    openTicket = () =>
      HttpResponse.json(
        {
          code: 'PT429',
          message: 'You can open at most 10 support tickets a day. Please add to an open ticket instead.',
          details: null,
          hint: null,
        },
        { status: 429 },
      );
    renderApp('/support');
    await fillNewTicket();
    expect(await screen.findByText(/at most 10 support tickets a day/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Support', level: 1 })).toBeTruthy();
  });

  it('asks for what is missing before sending anything', async () => {
    openTicket = () => {
      throw new Error('must not be called');
    };
    renderApp('/support');
    await screen.findByRole('heading', { name: 'Open a ticket' });
    fireEvent.click(screen.getByRole('button', { name: 'Open ticket' }));
    expect(await screen.findByText('Choose a category.')).toBeTruthy();
    expect(screen.getByText('Describe the problem.')).toBeTruthy();
  });

  it('opens the ticket and shows the thread: markdown rendered, HTML not, “waiting on you”', async () => {
    openTicket = () => HttpResponse.json(ticketId);
    renderApp('/support');
    await fillNewTicket();
    expect(await screen.findByRole('heading', { name: 'Charged twice', level: 1 })).toBeTruthy();
    const thread = screen.getByRole('list', { name: 'Messages' });
    expect(within(thread).getByText('twice').tagName).toBe('STRONG');
    expect(document.querySelector('img[src="x"]')).toBeNull();
    expect(within(thread).getByText('Support team')).toBeTruthy();
    expect(screen.getByText('Waiting on you')).toBeTruthy();
  });

  it('keeps members out of the staff queue (the 404 page)', async () => {
    renderApp('/admin/support');
    expect(await screen.findByRole('heading', { name: 'We could not find that page' })).toBeTruthy();
  });

  it('lets admins into the staff queue', async () => {
    role = 'admin';
    renderApp('/admin/support');
    expect(await screen.findByRole('heading', { name: 'Support queue' })).toBeTruthy();
    expect(await screen.findByText('Nothing here')).toBeTruthy();
  });
});
