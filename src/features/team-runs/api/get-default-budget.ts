import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { teamRunKeys } from '../keys';

const settingsSchema = z.object({ default_run_budget_credits: z.coerce.number() });

/** The budget a new run starts with (user_settings.default_run_budget_credits). */
export async function getDefaultBudget(signal?: AbortSignal): Promise<number> {
  let query = supabase.from('user_settings').select('default_run_budget_credits').limit(1);
  if (signal) query = query.abortSignal(signal);
  return settingsSchema.array().parse(unwrap(await query))[0]?.default_run_budget_credits ?? 200_000;
}

export function useDefaultBudget() {
  return useQuery(
    queryOptions({
      queryKey: [...teamRunKeys.all, 'default-budget'],
      queryFn: ({ signal }) => getDefaultBudget(signal),
    }),
  );
}
