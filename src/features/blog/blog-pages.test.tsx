import { fireEvent, screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderApp } from '@/test/render-app';
import { testSupabaseUrl } from '@/test/test-env';

const rest = `${testSupabaseUrl}/rest/v1`;
const post = (n: number, tags: string[]) => ({
  id: `p${n}`,
  slug: `post-${n}`,
  title: `Post number ${n}`,
  excerpt: `Excerpt ${n}`,
  author_name: 'The Team',
  cover_image_url: null,
  tags,
  published_at: `2026-11-${String(n).padStart(2, '0')}T00:00:00Z`,
});
const all = Array.from({ length: 8 }, (_, i) => post(8 - i, i % 2 ? ['guide'] : ['product']));
const requests: URLSearchParams[] = [];

const server = setupServer(
  http.get(`${rest}/blog_posts`, ({ request }) => {
    const params = new URL(request.url).searchParams;
    requests.push(params);
    if (params.get('select') === 'tags') return HttpResponse.json(all.map(({ tags }) => ({ tags })));
    if (params.get('slug'))
      // `.single()` on no row: PostgREST's 406.
      return HttpResponse.json(
        {
          code: 'PGRST116',
          message: 'JSON object requested, multiple (or no) rows returned',
          details: null,
          hint: null,
        },
        { status: 406 },
      );
    const tag = params.get('tags')?.match(/^cs\.\{(.+)\}$/)?.[1];
    const matching = tag ? all.filter((p) => p.tags.includes(tag)) : all;
    const from = Number(params.get('offset') ?? 0);
    const to = from + Number(params.get('limit') ?? 1000) - 1;
    return HttpResponse.json(matching.slice(from, to + 1), {
      headers: { 'content-range': `${from}-${Math.min(to, matching.length - 1)}/${matching.length}` },
    });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  requests.length = 0;
});
afterAll(() => server.close());

describe('blog pages', () => {
  it('lists six posts a page, pages on, and filters by tag', async () => {
    renderApp('/blog');
    expect(await screen.findByRole('link', { name: 'Post number 8' })).toBeTruthy();
    expect(screen.getAllByRole('link', { name: /^Post number/ })).toHaveLength(6);
    fireEvent.click(screen.getByRole('button', { name: 'Page 2' }));
    expect(await screen.findByRole('link', { name: 'Post number 2' })).toBeTruthy();

    fireEvent.click(await screen.findByRole('button', { name: 'guide' }));
    expect(await screen.findByRole('link', { name: 'Post number 7' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Post number 8' })).toBeNull();
    expect(requests.some((params) => params.get('tags') === 'cs.{guide}')).toBe(true);
  });

  it('a draft, scheduled or unknown slug is "Post not found"', async () => {
    renderApp('/blog/a-draft');
    expect(await screen.findByRole('heading', { name: 'Post not found', level: 1 })).toBeTruthy();
  });
});
