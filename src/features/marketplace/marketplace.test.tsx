import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signedInShellHandlers } from '@/test/shell-handlers';
import { renderApp } from '@/test/render-app';
import { testSupabaseUrl } from '@/test/test-env';
import { clearTestSession, storeTestSession } from '@/test/test-session';

const rest = `${testSupabaseUrl}/rest/v1`;

const catalogRow = (overrides: Record<string, unknown>) => ({
  id: 'e0000000-0000-4000-8000-000000000001',
  slug: 'ada-code-reviewer',
  name: 'Ada',
  role: 'Senior Code Reviewer',
  category: 'engineering',
  description: 'Reviews pull requests like a careful staff engineer.',
  skills: ['Code review', 'TypeScript', 'Security'],
  default_provider: 'anthropic',
  default_model: 'claude-sonnet-4-5',
  avatar_url: null,
  created_at: '2026-06-01T00:00:00Z',
  latest_version: 2,
  latest_changelog: 'Findings carry a severity.',
  latest_version_created_at: '2026-06-01T00:00:00Z',
  hire_count: 3,
  review_count: 2,
  avg_rating: 4.5,
  ...overrides,
});

const ada = catalogRow({});
const theo = catalogRow({
  id: 'e0000000-0000-4000-8000-000000000005',
  slug: 'theo-seo',
  name: 'Theo',
  role: 'SEO Specialist',
  category: 'marketing',
  avg_rating: null,
  review_count: 0,
});

/** The Hire button, once the user's hires have loaded (until then it is disabled). */
async function hireButton(name: string) {
  const button = await screen.findByRole<HTMLButtonElement>('button', { name: `Hire ${name}` });
  await waitFor(() => expect(button.disabled).toBe(false));
  return button;
}

const catalogRequests: URL[] = [];
let hires: { id: string; employee_id: string; is_active: boolean }[] = [];

const server = setupServer(
  ...signedInShellHandlers,
  // The header's account menu reads the signed-in user's avatar.
  http.get(`${rest}/user_profiles`, () => HttpResponse.json([])),
  http.get(`${rest}/ai_employee_catalog`, ({ request }) => {
    const url = new URL(request.url);
    if (url.searchParams.get('select') === 'category') {
      return HttpResponse.json([{ category: 'engineering' }, { category: 'marketing' }]);
    }
    catalogRequests.push(url);
    const rows = url.searchParams.has('search_text') ? [] : [ada, theo];
    const range = rows.length ? `0-${rows.length - 1}/${rows.length}` : '*/0';
    return HttpResponse.json(rows, { headers: { 'content-range': range } });
  }),
  http.get(`${rest}/purchased_employees`, () => HttpResponse.json(hires)),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  catalogRequests.length = 0;
  hires = [];
  clearTestSession();
});
afterAll(() => server.close());

describe('marketplace page', () => {
  it('lists employees from the catalog with counts, ratings and a sign-in path to hire', async () => {
    renderApp('/marketplace');
    const cards = await screen.findAllByRole('heading', { level: 3, name: /Ada|Theo/ });
    expect(cards.map((card) => card.textContent)).toEqual(['Ada', 'Theo']);
    expect(screen.getByText('2 AI employees')).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Rated 4.5 out of 5 from 2 reviews' })).toBeTruthy();
    expect(screen.getByText('No ratings yet')).toBeTruthy();

    const signIn = screen.getByRole('link', { name: 'Sign in to hire Ada' });
    expect(signIn.getAttribute('href')).toBe('/sign-in?next=%2Fmarketplace');

    // The first page, 12 per page, highest rated first with a stable tie-break.
    const [request] = catalogRequests;
    expect(request?.searchParams.get('offset')).toBe('0');
    expect(request?.searchParams.get('limit')).toBe('12');
    expect(request?.searchParams.get('order')).toBe(
      'avg_rating.desc.nullslast,review_count.desc,name.asc,id.asc',
    );
  });

  it('searches through the URL and shows an empty state with a way back', async () => {
    const { router } = renderApp('/marketplace?q=zzz&category=engineering');
    expect(await screen.findByRole('heading', { name: 'No AI employees match your search' })).toBeTruthy();
    const request = catalogRequests.at(-1);
    expect(request?.searchParams.get('category')).toBe('eq.engineering');
    expect(request?.searchParams.get('search_text')).toBe('ilike.%zzz%');

    fireEvent.click(screen.getByRole('button', { name: 'Clear search and filters' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
    expect(await screen.findByRole('heading', { level: 3, name: 'Ada' })).toBeTruthy();
  });

  it('shows an error state with a retry when the catalog cannot be loaded', async () => {
    server.use(
      http.get(`${rest}/ai_employee_catalog`, () =>
        HttpResponse.json({ code: 'XX000', message: 'boom', details: null, hint: null }, { status: 500 }),
      ),
    );
    renderApp('/marketplace');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The marketplace could not be loaded')).toBeTruthy();
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});

describe('hiring', () => {
  it('marks the employee hired at once, before the server answers', async () => {
    storeTestSession();
    let answer: () => void = () => undefined;
    server.use(
      http.post(`${rest}/rpc/hire_employee`, async ({ request }) => {
        expect(await request.json()).toEqual({ p_employee_id: ada.id });
        expect(request.headers.get('authorization')).toBe('Bearer test-access-token');
        await new Promise<void>((resolve) => (answer = resolve));
        hires = [{ id: 'hire-1', employee_id: ada.id, is_active: true }];
        return HttpResponse.json({
          ...hires[0],
          user_id: 'u',
          employee_version_id: 'v',
          hired_at: '',
          version_pinned_at: '',
          updated_at: '',
        });
      }),
    );
    renderApp('/marketplace');
    fireEvent.click(await hireButton('Ada'));

    expect(await screen.findByRole('link', { name: 'Ada is hired: view your workforce' })).toBeTruthy();
    answer();
    expect(await screen.findByText('Ada joined your workforce')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Ada is hired: view your workforce' }).getAttribute('href')).toBe(
      '/workforce',
    );
    expect(screen.getByRole('button', { name: 'Hire Theo' })).toBeTruthy();
  });

  it('rolls back and explains when the hire fails', async () => {
    storeTestSession();
    server.use(
      http.post(`${rest}/rpc/hire_employee`, () =>
        HttpResponse.json(
          { code: 'P0001', message: 'This employee is not available for hire.', details: null, hint: null },
          { status: 400 },
        ),
      ),
    );
    renderApp('/marketplace');
    fireEvent.click(await hireButton('Ada'));

    const toast = await screen.findByRole('alert');
    expect(within(toast).getByText('This employee is not available for hire.')).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Hire Ada' })).toBeTruthy();
  });
});
