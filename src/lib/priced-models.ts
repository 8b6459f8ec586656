/**
 * The models a step (or a default) can name: those with a price effective now (model_pricing is
 * public). No plan restricts models today — the plan caps output tokens, which the builder checks
 * — so every priced model is offered; the database and the functions refuse any other.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { dbNumber } from '@/shared/db-number';
import { sharedQueryKeys } from '@/lib/query-keys';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { llmProviderNames, type LlmProviderName } from '@/shared/llm-contract';

const pricingRow = z.object({
  provider: z.enum(llmProviderNames),
  model: z.string(),
  display_name: z.string(),
  input_rate: dbNumber,
  output_rate: dbNumber,
  effective_from: z.string(),
  effective_to: z.string().nullable(),
});
type PricingRow = z.output<typeof pricingRow>;

export interface PricedModel {
  provider: LlmProviderName;
  model: string;
  display_name: string;
  /** Credits per 1M tokens. */
  inputRate: number;
  outputRate: number;
}

/** Rows effective at `now`, one per provider/model, in the order given. */
export function currentModels(rows: readonly PricingRow[], now = Date.now()): PricedModel[] {
  const seen = new Set<string>();
  return rows.flatMap((row) => {
    const key = `${row.provider}/${row.model}`;
    const current =
      Date.parse(row.effective_from) <= now &&
      (row.effective_to === null || Date.parse(row.effective_to) > now);
    if (!current || seen.has(key)) return [];
    seen.add(key);
    return [
      {
        provider: row.provider,
        model: row.model,
        display_name: row.display_name,
        inputRate: row.input_rate,
        outputRate: row.output_rate,
      },
    ];
  });
}

export function usePricedModels() {
  return useQuery(
    queryOptions({
      queryKey: [...sharedQueryKeys.catalog, 'priced-models'],
      queryFn: async ({ signal }) =>
        currentModels(
          pricingRow
            .array()
            .parse(
              unwrap(
                await supabase
                  .from('model_pricing')
                  .select(
                    'provider, model, display_name, input_rate, output_rate, effective_from, effective_to',
                  )
                  .order('provider')
                  .order('model')
                  .abortSignal(signal),
              ),
            ),
        ),
      staleTime: 10 * 60_000,
    }),
  );
}
