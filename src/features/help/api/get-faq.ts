import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { helpKeys } from '../keys';

const faqItemSchema = z.object({
  id: z.string(),
  question: z.string(),
  answer: z.string(),
  category: z.string(),
  position: z.number(),
});
export type FaqItem = z.infer<typeof faqItemSchema>;

/** Every published FAQ item (RLS: drafts are invisible), in category and position order. */
export async function getFaq(signal?: AbortSignal): Promise<FaqItem[]> {
  const query = supabase
    .from('faq_items')
    .select('id, question, answer, category, position')
    .order('category')
    .order('position');
  return faqItemSchema.array().parse(unwrap(await (signal ? query.abortSignal(signal) : query)));
}

export const faqQueryOptions = () =>
  queryOptions({ queryKey: helpKeys.faq(), queryFn: ({ signal }) => getFaq(signal), staleTime: 5 * 60_000 });

export const useFaq = () => useQuery(faqQueryOptions());
