import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { supabase } from '@/lib/supabase';
import { toDataError } from '@/lib/supabase-result';
import { marketplaceKeys } from '../keys';
import { reviewSchema, type Review } from '../schemas';

export const reviewsPageSize = 5;

export interface ReviewsPage {
  reviews: Review[];
  total: number;
}

const reviewColumns =
  'id, employee_id, rating, title, body, created_at, author_name, author_avatar_url, is_own';

/** Public reviews of an employee, newest first. */
export async function getReviews(
  employeeId: string,
  page: number,
  signal?: AbortSignal,
): Promise<ReviewsPage> {
  const from = (page - 1) * reviewsPageSize;
  let query = supabase
    .from('employee_review_feed')
    .select(reviewColumns, { count: 'exact' })
    .eq('employee_id', employeeId)
    .order('created_at', { ascending: false })
    .order('id')
    .range(from, from + reviewsPageSize - 1);
  if (signal) query = query.abortSignal(signal);
  const { data, error, count, status } = await query;
  if (error) {
    if (error.code === 'PGRST103') return { reviews: [], total: 0 };
    throw toDataError(error, status);
  }
  return { reviews: reviewSchema.array().parse(data), total: count ?? data.length };
}

export const reviewsQueryOptions = (employeeId: string, page: number) =>
  queryOptions({
    queryKey: marketplaceKeys.reviews(employeeId, page),
    queryFn: ({ signal }) => getReviews(employeeId, page, signal),
    placeholderData: keepPreviousData,
  });

export function useReviews(employeeId: string, page: number) {
  return useQuery(reviewsQueryOptions(employeeId, page));
}
