import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { marketplaceKeys } from '../keys';

const myReviewSchema = z.object({
  id: z.string(),
  rating: z.number().int(),
  title: z.string(),
  body: z.string(),
});

export type MyReview = z.output<typeof myReviewSchema>;

/** The signed-in user's review of an employee, or null (RLS shows a user only their own rows). */
export async function getMyReview(employeeId: string, signal?: AbortSignal): Promise<MyReview | null> {
  let query = supabase
    .from('employee_reviews')
    .select('id, rating, title, body')
    .eq('employee_id', employeeId);
  if (signal) query = query.abortSignal(signal);
  const row = unwrap(await query.maybeSingle());
  return row ? myReviewSchema.parse(row) : null;
}

export const myReviewQueryOptions = (employeeId: string) =>
  queryOptions({
    queryKey: marketplaceKeys.myReview(employeeId),
    queryFn: ({ signal }) => getMyReview(employeeId, signal),
  });

export function useMyReview(employeeId: string, { enabled }: { enabled: boolean }) {
  return useQuery({ ...myReviewQueryOptions(employeeId), enabled });
}
