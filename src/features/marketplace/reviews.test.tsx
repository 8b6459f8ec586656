import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { signedInShellHandlers } from '@/test/shell-handlers';
import { renderApp } from '@/test/render-app';
import { testSupabaseUrl } from '@/test/test-env';
import { clearTestSession, storeTestSession } from '@/test/test-session';

const rest = `${testSupabaseUrl}/rest/v1`;
const employeeId = 'e0000000-0000-4000-8000-000000000010';

let myReview: { id: string; rating: number; title: string; body: string } | null;
let hired: boolean;
const writes: { method: string; body: unknown }[] = [];

const server = setupServer(
  ...signedInShellHandlers,
  // The header's account menu reads the signed-in user's avatar.
  http.get(`${rest}/user_profiles`, () => HttpResponse.json([])),
  // maybeSingle() asks for an array and picks the row itself.
  http.get(`${rest}/ai_employee_catalog`, () =>
    HttpResponse.json([
      {
        id: employeeId,
        slug: 'sam-support',
        name: 'Sam',
        role: 'Customer Support Specialist',
        category: 'support',
        description: 'Drafts warm, accurate replies to customer tickets.',
        skills: ['Ticket replies', 'Troubleshooting'],
        default_provider: 'anthropic',
        default_model: 'claude-haiku-4-5',
        avatar_url: null,
        created_at: '2026-06-01T00:00:00Z',
        latest_version: 1,
        latest_changelog: '',
        latest_version_created_at: '2026-06-01T00:00:00Z',
        hire_count: 1,
        review_count: 0,
        avg_rating: null,
      },
    ]),
  ),
  http.get(`${rest}/purchased_employees`, () =>
    HttpResponse.json(hired ? [{ id: 'hire-1', employee_id: employeeId, is_active: true }] : []),
  ),
  http.get(`${rest}/employee_review_feed`, () =>
    HttpResponse.json([], { headers: { 'content-range': '*/0' } }),
  ),
  http.get(`${rest}/employee_reviews`, () => HttpResponse.json(myReview ? [myReview] : [])),
  http.post(`${rest}/employee_reviews`, async ({ request }) => {
    const body = (await request.json()) as { rating: number; title: string; body: string };
    writes.push({ method: 'POST', body });
    myReview = { id: 'review-1', ...body };
    return new HttpResponse(null, { status: 201 });
  }),
  http.patch(`${rest}/employee_reviews`, async ({ request }) => {
    const body = (await request.json()) as { rating: number; title: string; body: string };
    writes.push({ method: 'PATCH', body });
    myReview = { id: 'review-1', ...body };
    return new HttpResponse(null, { status: 204 });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => {
  storeTestSession();
  myReview = null;
  hired = true;
  writes.length = 0;
});
afterEach(() => {
  server.resetHandlers();
  clearTestSession();
});
afterAll(() => server.close());

it('lets a hirer write a review once, validated, then edit it', async () => {
  renderApp('/marketplace/sam-support');
  const form = await screen.findByRole('form', { name: 'Review Sam' });

  fireEvent.click(within(form).getByRole('button', { name: 'Post review' }));
  expect(await within(form).findByText('Choose a rating from 1 to 5 stars.')).toBeTruthy();
  expect(writes).toEqual([]);

  fireEvent.click(within(form).getByRole('radio', { name: /4 stars/ }));
  fireEvent.change(within(form).getByRole('textbox', { name: 'Title' }), {
    target: { value: '  Calm under pressure ' },
  });
  fireEvent.click(within(form).getByRole('button', { name: 'Post review' }));

  expect(await screen.findByRole('heading', { name: 'You reviewed this employee' })).toBeTruthy();
  expect(writes).toEqual([
    { method: 'POST', body: { employee_id: employeeId, rating: 4, title: 'Calm under pressure', body: '' } },
  ]);

  fireEvent.click(screen.getByRole('button', { name: 'Edit your review' }));
  const editForm = await screen.findByRole('form', { name: 'Review Sam' });
  expect((within(editForm).getByRole('radio', { name: /4 stars/ }) as HTMLInputElement).checked).toBe(true);
  fireEvent.click(within(editForm).getByRole('radio', { name: /5 stars/ }));
  fireEvent.click(within(editForm).getByRole('button', { name: 'Save changes' }));
  await waitFor(() =>
    expect(writes.at(-1)).toEqual({
      method: 'PATCH',
      body: { rating: 5, title: 'Calm under pressure', body: '' },
    }),
  );
});

it('offers no review form to someone who has not hired the employee', async () => {
  hired = false;
  renderApp('/marketplace/sam-support');
  expect(await screen.findByRole('heading', { name: 'No reviews yet' })).toBeTruthy();
  expect(await screen.findByRole('button', { name: 'Hire Sam' })).toBeTruthy();
  expect(screen.queryByRole('form', { name: 'Review Sam' })).toBeNull();
});
