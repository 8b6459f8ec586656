import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useToast } from '@/components/ui';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { marketplaceKeys } from '../keys';
import type { ReviewInput } from '../schemas';

interface SaveReview {
  employeeId: string;
  /** The existing review to edit; absent to write the first one. */
  reviewId: string | undefined;
  input: ReviewInput;
}

/**
 * Writes the user's review, or edits it. One review per user and employee, and only after hiring,
 * are enforced by the database (unique key and insert policy), not just by this form.
 */
export async function saveReview({ employeeId, reviewId, input }: SaveReview): Promise<void> {
  if (reviewId) {
    unwrap(await supabase.from('employee_reviews').update(input).eq('id', reviewId));
  } else {
    unwrap(await supabase.from('employee_reviews').insert({ employee_id: employeeId, ...input }));
  }
}

export function useSaveReview(employeeId: string) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: saveReview,
    // The form shows the error next to the submit button.
    meta: { errorToast: false },
    onSuccess: (_result, { reviewId }) => {
      toast.success(reviewId ? 'Your review was updated' : 'Thanks for your review');
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: marketplaceKeys.myReview(employeeId) }),
        queryClient.invalidateQueries({ queryKey: marketplaceKeys.allReviews(employeeId) }),
        // Rating and review count on cards and the detail page.
        queryClient.invalidateQueries({ queryKey: marketplaceKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: marketplaceKeys.employees() }),
      ]),
  });
}
