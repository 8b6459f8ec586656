/**
 * The models a default can be: those with a price effective now (model_pricing is public). No
 * plan restricts models today, so every priced model is offered; the database refuses any other.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { settingsKeys } from '../keys';

const pricingRow = z.object({
  provider: z.enum(['openai', 'anthropic', 'google', 'perplexity']),
  model: z.string(),
  display_name: z.string(),
  effective_from: z.string(),
  effective_to: z.string().nullable(),
});
export type AvailableModel = Pick<z.output<typeof pricingRow>, 'provider' | 'model' | 'display_name'>;

export function useAvailableModels() {
  return useQuery(
    queryOptions({
      queryKey: settingsKeys.models(),
      queryFn: async ({ signal }): Promise<AvailableModel[]> => {
        const rows = pricingRow
          .array()
          .parse(
            unwrap(
              await supabase
                .from('model_pricing')
                .select('provider, model, display_name, effective_from, effective_to')
                .order('provider')
                .order('model')
                .abortSignal(signal),
            ),
          );
        return currentModels(rows);
      },
      staleTime: 10 * 60_000,
    }),
  );
}

/** Rows effective now, one per provider/model. */
function currentModels(rows: Array<z.output<typeof pricingRow>>): AvailableModel[] {
  const now = new Date().getTime();
  const seen = new Set<string>();
  return rows.filter((row) => {
    const current =
      Date.parse(row.effective_from) <= now &&
      (row.effective_to === null || Date.parse(row.effective_to) > now);
    const key = `${row.provider}/${row.model}`;
    if (!current || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
