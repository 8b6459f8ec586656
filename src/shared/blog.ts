/**
 * Blog facts shared by the SPA and the build-time feeds (build/blog-feeds.ts): what a published
 * post is, how long it takes to read, and the post's own description for meta tags.
 */

/** Posts per page of /blog. */
export const blogPageSize = 6;

/** Published means a publish date that has passed: null is a draft, a future date is scheduled. */
export function isPublished(publishedAt: string | null, now = new Date()): boolean {
  return publishedAt !== null && new Date(publishedAt).getTime() <= now.getTime();
}

const wordsPerMinute = 220;

/** Whole minutes, at least one; code and markdown syntax count as the words they look like. */
export function readingMinutes(markdown: string): number {
  const words = markdown
    .replace(/```[\s\S]*?```/g, (block) => block.replace(/[^\s]+/g, 'w'))
    .replace(/[#>*_`[\]()!-]/g, ' ')
    .split(/\s+/)
    .filter(Boolean).length;
  return Math.max(1, Math.round(words / wordsPerMinute));
}

export const blogPostPath = (slug: string) => `/blog/${encodeURIComponent(slug)}`;
