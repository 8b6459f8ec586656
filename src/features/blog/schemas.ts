import { z } from 'zod';

export const postSummarySchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  excerpt: z.string(),
  author_name: z.string(),
  cover_image_url: z.string().nullable(),
  tags: z.array(z.string()),
  published_at: z.string(),
});
export type PostSummary = z.infer<typeof postSummarySchema>;

export const postSchema = postSummarySchema.extend({ body: z.string(), updated_at: z.string() });
export type Post = z.infer<typeof postSchema>;

export const summaryColumns = 'id, slug, title, excerpt, author_name, cover_image_url, tags, published_at';
