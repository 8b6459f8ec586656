/**
 * The marketplace's data, parsed from the prompt-free catalog views. Views make every column
 * nullable in the generated types; parsing states what the view actually guarantees and turns
 * rows into camel-cased domain objects once, at the edge.
 */
import { z } from 'zod';
import { dbNumber } from '@/shared/db-number';

export const catalogColumns =
  'id, slug, name, role, category, description, skills, default_provider, default_model, avatar_url, created_at, latest_version, latest_changelog, latest_version_created_at, hire_count, review_count, avg_rating';

export const catalogEmployeeSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    role: z.string(),
    category: z.string(),
    description: z.string(),
    skills: z.array(z.string()),
    default_provider: z.string(),
    default_model: z.string(),
    avatar_url: z.string().nullable(),
    created_at: z.string(),
    latest_version: z.number().nullable(),
    latest_changelog: z.string().nullable(),
    latest_version_created_at: z.string().nullable(),
    hire_count: z.number(),
    review_count: z.number(),
    // numeric(3,2): a JSON number from PostgREST, a string from some drivers.
    avg_rating: dbNumber.nullable(),
  })
  .transform((row) => ({
    id: row.id,
    slug: row.slug,
    name: row.name,
    role: row.role,
    category: row.category,
    description: row.description,
    skills: row.skills,
    defaultProvider: row.default_provider,
    defaultModel: row.default_model,
    avatarUrl: row.avatar_url,
    createdAt: row.created_at,
    latestVersion: row.latest_version,
    latestChangelog: row.latest_changelog,
    latestVersionCreatedAt: row.latest_version_created_at,
    hireCount: row.hire_count,
    reviewCount: row.review_count,
    averageRating: row.avg_rating,
  }));

export type CatalogEmployee = z.output<typeof catalogEmployeeSchema>;

export const reviewSchema = z
  .object({
    id: z.string(),
    employee_id: z.string(),
    rating: z.number().int(),
    title: z.string(),
    body: z.string(),
    created_at: z.string(),
    author_name: z.string(),
    author_avatar_url: z.string().nullable(),
    is_own: z.boolean().nullable(),
  })
  .transform((row) => ({
    id: row.id,
    employeeId: row.employee_id,
    rating: row.rating,
    title: row.title,
    body: row.body,
    createdAt: row.created_at,
    authorName: row.author_name,
    authorAvatarUrl: row.author_avatar_url,
    isOwn: row.is_own === true,
  }));

export type Review = z.output<typeof reviewSchema>;

/** What a user writes; the limits match the employee_reviews check constraints. */
export const reviewInputSchema = z.object({
  rating: z.number().int().min(1, 'Choose a rating from 1 to 5 stars.').max(5),
  title: z.string().trim().max(120, 'Keep the title under 120 characters.'),
  body: z.string().trim().max(4000, 'Keep the review under 4,000 characters.'),
});

export type ReviewInput = z.output<typeof reviewInputSchema>;

export const sortOptions = [
  { value: 'rating', label: 'Highest rated' },
  { value: 'popularity', label: 'Most hired' },
  { value: 'newest', label: 'Newest' },
] as const;

export type CatalogSort = (typeof sortOptions)[number]['value'];

export interface CatalogParams {
  /** Free-text search over name, role, description and skills. */
  q: string;
  /** A category slug, or '' for all. */
  category: string;
  sort: CatalogSort;
  /** 1-based. */
  page: number;
}
