import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { supabase } from '@/lib/supabase';
import { toDataError } from '@/lib/supabase-result';
import { blogPageSize } from '@/shared/blog';
import { blogKeys } from '../keys';
import { postSummarySchema, summaryColumns } from '../schemas';

/**
 * One page of published posts, newest first, optionally with a tag. RLS returns published posts
 * only (a draft has no date, a scheduled post a future one), for visitors and members alike.
 */
export async function getPosts(page: number, tag: string, signal?: AbortSignal) {
  let query = supabase.from('blog_posts').select(summaryColumns, { count: 'exact' });
  if (tag) query = query.contains('tags', [tag]);
  const from = (page - 1) * blogPageSize;
  let ranged = query.order('published_at', { ascending: false }).range(from, from + blogPageSize - 1);
  if (signal) ranged = ranged.abortSignal(signal);
  const { data, error, count, status } = await ranged;
  // Past the last page PostgREST answers 416; that is an empty page, not an error.
  if (error && status !== 416) throw toDataError(error, status);
  const total = count ?? 0;
  return {
    posts: postSummarySchema.array().parse(data ?? []),
    total,
    pageCount: Math.max(1, Math.ceil(total / blogPageSize)),
  };
}

export const postsQueryOptions = (page: number, tag: string) =>
  queryOptions({ queryKey: blogKeys.list(page, tag), queryFn: ({ signal }) => getPosts(page, tag, signal) });

export const usePosts = (page: number, tag: string) =>
  useQuery({ ...postsQueryOptions(page, tag), placeholderData: keepPreviousData });

/** Every tag of the published posts, by how many posts have it. */
export async function getTags(signal?: AbortSignal): Promise<string[]> {
  const query = supabase.from('blog_posts').select('tags');
  const { data, error, status } = await (signal ? query.abortSignal(signal) : query);
  if (error) throw toDataError(error, status);
  const counts = new Map<string, number>();
  for (const { tags } of z
    .object({ tags: z.array(z.string()) })
    .array()
    .parse(data)) {
    for (const tag of tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([tag]) => tag);
}

export const useTags = () =>
  useQuery({ queryKey: blogKeys.tags(), queryFn: ({ signal }) => getTags(signal), staleTime: 5 * 60_000 });
