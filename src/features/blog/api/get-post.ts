import { queryOptions, useQuery } from '@tanstack/react-query';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { blogKeys } from '../keys';
import { postSchema, postSummarySchema, summaryColumns } from '../schemas';

/**
 * A published post by slug (a draft or scheduled slug is a 404: RLS hides it), with its older
 * and newer neighbours for the previous/next links.
 */
export async function getPost(slug: string, signal?: AbortSignal) {
  const query = supabase.from('blog_posts').select(`${summaryColumns}, body, updated_at`).eq('slug', slug);
  const post = postSchema.parse(unwrap(await (signal ? query.abortSignal(signal) : query).single()));
  const neighbour = async (direction: 'previous' | 'next') => {
    const base = supabase.from('blog_posts').select(summaryColumns);
    const filtered =
      direction === 'previous'
        ? base.lt('published_at', post.published_at).order('published_at', { ascending: false })
        : base.gt('published_at', post.published_at).order('published_at', { ascending: true });
    const rows = postSummarySchema.array().parse(unwrap(await filtered.limit(1)));
    return rows[0] ?? null;
  };
  const [previous, next] = await Promise.all([neighbour('previous'), neighbour('next')]);
  return { post, previous, next };
}

export const postQueryOptions = (slug: string) =>
  queryOptions({ queryKey: blogKeys.post(slug), queryFn: ({ signal }) => getPost(slug, signal) });

export const usePost = (slug: string) => useQuery(postQueryOptions(slug));
