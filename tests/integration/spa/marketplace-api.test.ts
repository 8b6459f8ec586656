/**
 * The marketplace's data layer (the fetchers and mutations the SPA's pages use) against the real
 * local Supabase API: RLS, the catalog views and the hire RPC decide what these calls see.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getCatalog } from '@/features/marketplace/api/get-catalog';
import { getCategories } from '@/features/marketplace/api/get-categories';
import { getEmployee } from '@/features/marketplace/api/get-employee';
import { getMyHires } from '@/features/marketplace/api/get-my-hires';
import { getMyReview } from '@/features/marketplace/api/get-my-review';
import { getReviews } from '@/features/marketplace/api/get-reviews';
import { hireEmployee } from '@/features/marketplace/api/hire-employee';
import { saveReview } from '@/features/marketplace/api/save-review';
import type { CatalogParams } from '@/features/marketplace/schemas';
import { supabase } from '@/lib/supabase';

// Node 20 has no WebSocket and supabase-js builds its Realtime client when the SPA's client module
// loads; these tests never open a channel, so a constructor that fails loudly is enough.
vi.hoisted(() => {
  globalThis.WebSocket ??= class {
    constructor() {
      throw new Error('Realtime is not used in these tests.');
    }
  } as unknown as typeof WebSocket;
});

const params = (changes: Partial<CatalogParams> = {}): CatalogParams => ({
  q: '',
  category: '',
  sort: 'rating',
  page: 1,
  ...changes,
});

describe('marketplace catalog (signed out)', () => {
  it('pages through every published employee without repeats, with an exact total', async () => {
    const first = await getCatalog(params());
    expect(first.total).toBeGreaterThanOrEqual(24);
    expect(first.employees).toHaveLength(12);
    const ids = new Set<string>();
    for (let page = 1; page <= Math.ceil(first.total / 12); page += 1) {
      const { employees } = await getCatalog(params({ page }));
      for (const employee of employees) ids.add(employee.id);
    }
    expect(ids.size).toBe(first.total);
  });

  it('returns an empty page, not an error, past the end', async () => {
    await expect(getCatalog(params({ page: 99 }))).resolves.toEqual({ employees: [], total: 0 });
  });

  it('filters by category and lists the categories', async () => {
    const categories = await getCategories();
    expect(categories.length).toBeGreaterThanOrEqual(8);
    expect(categories).toContain('engineering');
    const { employees, total } = await getCatalog(params({ category: 'engineering' }));
    expect(total).toBeGreaterThan(0);
    expect(employees.every((employee) => employee.category === 'engineering')).toBe(true);
  });

  const slugsFound = async (q: string) =>
    (await getCatalog(params({ q }))).employees.map((employee) => employee.slug);

  it('searches name, role, category and description case-insensitively', async () => {
    expect(await slugsFound('seo specialist')).toContain('theo-seo');
    expect(await slugsFound('ada')).toContain('ada-code-reviewer');
    expect(await slugsFound('LEGAL')).toContain('lex-contracts');
  });

  it('finds employees by part of a skill, in any case', async () => {
    // Each term appears only in the employee's skills ("MEDDICC", "Terraform", "Redlining").
    expect(await slugsFound('meddic')).toContain('nora-account-exec');
    expect(await slugsFound('TERRAF')).toContain('linus-devops');
    expect(await slugsFound('redlin')).toContain('lex-contracts');
  });

  it('treats filter syntax and LIKE wildcards in the search box as text', async () => {
    const result = await getCatalog(params({ q: 'a,b).or(name.eq."x"*%' }));
    expect(result.total).toBeGreaterThanOrEqual(0);
    // As wildcards, `_` and `%` would match "kubernetes"; as text they match nothing of Linus.
    expect(await slugsFound('kubern_tes')).not.toContain('linus-devops');
    expect(await slugsFound('kub%tes')).not.toContain('linus-devops');
    expect(await slugsFound('kubernetes')).toContain('linus-devops');
  });

  it('sorts by popularity and by newest', async () => {
    const popular = await getCatalog(params({ sort: 'popularity' }));
    const hires = popular.employees.map((employee) => employee.hireCount);
    expect(hires).toEqual([...hires].sort((a, b) => b - a));
    const newest = await getCatalog(params({ sort: 'newest' }));
    const created = newest.employees.map((employee) => employee.createdAt);
    expect(created).toEqual([...created].sort().reverse());
  });

  it('loads an employee by slug, without any prompt, and 404s on unknown slugs', async () => {
    const ada = await getEmployee('ada-code-reviewer');
    expect(ada).toMatchObject({ name: 'Ada', category: 'engineering' });
    expect(ada.skills.length).toBeGreaterThan(0);
    expect(JSON.stringify(ada)).not.toMatch(/system_prompt|systemPrompt/);
    await expect(getEmployee('no-such-employee')).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });
});

describe('hiring and reviewing (signed in)', () => {
  let employeeId: string;

  beforeAll(async () => {
    const { error } = await supabase.auth.signUp({
      email: `marketplace-${randomUUID()}@example.com`,
      password: 'correct horse battery staple',
    });
    if (error) throw error;
    employeeId = (await getEmployee('sam-support')).id;
  });

  it('refuses a review from a user who has not hired the employee', async () => {
    await expect(
      saveReview({ employeeId, reviewId: undefined, input: { rating: 5, title: 'Great', body: '' } }),
    ).rejects.toMatchObject({ isClientError: true });
  });

  it('hires idempotently: hiring twice keeps one active hire', async () => {
    const first = await hireEmployee(employeeId);
    const second = await hireEmployee(employeeId);
    expect(second.id).toBe(first.id);
    const hires = await getMyHires();
    expect(hires.filter((hire) => hire.employeeId === employeeId)).toEqual([
      { id: first.id, employeeId, isActive: true },
    ]);
  });

  it('lets a hirer review once, then edit the review', async () => {
    await saveReview({
      employeeId,
      reviewId: undefined,
      input: { rating: 4, title: 'Solid replies', body: 'Fast.' },
    });
    await expect(
      saveReview({ employeeId, reviewId: undefined, input: { rating: 1, title: 'Again', body: '' } }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    const mine = await getMyReview(employeeId);
    expect(mine).toMatchObject({ rating: 4, title: 'Solid replies' });
    await saveReview({
      employeeId,
      reviewId: mine!.id,
      input: { rating: 5, title: 'Excellent replies', body: 'Fast.' },
    });

    const { reviews } = await getReviews(employeeId, 1);
    const own = reviews.find((review) => review.isOwn);
    expect(own).toMatchObject({ rating: 5, title: 'Excellent replies' });
    expect(JSON.stringify(own)).not.toContain('user_id');
  });
});
