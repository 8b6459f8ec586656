/**
 * The caller's active hires on their pinned models with today's prices: what the team-run form
 * and the workflow builder offer, and what their cost estimates price. One query, one cache entry.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { dbNumber } from '@/shared/db-number';
import { sharedQueryKeys } from '@/lib/query-keys';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';

const hireSchema = z.object({ employee_id: z.string(), employee_version_id: z.string() });
const profileSchema = z.object({ id: z.string(), name: z.string(), role: z.string() });
const versionSchema = z.object({ id: z.string(), provider: z.string(), model: z.string() });
const priceSchema = z.object({
  provider: z.string(),
  model: z.string(),
  input_rate: dbNumber,
  output_rate: dbNumber,
});

/** A hired employee on their pinned model; rates are credits per 1M tokens, null when unpriced. */
export interface PricedHire {
  id: string;
  name: string;
  role: string;
  provider: string;
  model: string;
  inputRate: number | null;
  outputRate: number | null;
}

export async function getPricedHires(signal?: AbortSignal): Promise<PricedHire[]> {
  const withSignal = <Q extends { abortSignal: (signal: AbortSignal) => Q }>(query: Q) =>
    signal ? query.abortSignal(signal) : query;
  const hires = hireSchema
    .array()
    .parse(
      unwrap(
        await withSignal(
          supabase
            .from('purchased_employees')
            .select('employee_id, employee_version_id')
            .eq('is_active', true),
        ),
      ),
    );
  if (hires.length === 0) return [];
  const now = new Date().toISOString();
  const [profiles, versions, prices] = await Promise.all([
    withSignal(
      supabase
        .from('ai_employee_catalog')
        .select('id, name, role')
        .in(
          'id',
          hires.map((h) => h.employee_id),
        ),
    ),
    withSignal(
      supabase
        .from('ai_employee_version_history')
        .select('id, provider, model')
        .in(
          'id',
          hires.map((h) => h.employee_version_id),
        ),
    ),
    withSignal(
      supabase
        .from('model_pricing')
        .select('provider, model, input_rate, output_rate')
        .lte('effective_from', now)
        .or(`effective_to.is.null,effective_to.gt.${now}`),
    ),
  ]);
  const profileById = new Map(
    profileSchema
      .array()
      .parse(unwrap(profiles))
      .map((p) => [p.id, p]),
  );
  const versionById = new Map(
    versionSchema
      .array()
      .parse(unwrap(versions))
      .map((v) => [v.id, v]),
  );
  const priceRows = priceSchema.array().parse(unwrap(prices));
  return hires
    .flatMap((hire) => {
      const profile = profileById.get(hire.employee_id);
      const version = versionById.get(hire.employee_version_id);
      if (!profile || !version) return [];
      const price = priceRows.find((p) => p.provider === version.provider && p.model === version.model);
      return [
        {
          id: profile.id,
          name: profile.name,
          role: profile.role,
          provider: version.provider,
          model: version.model,
          inputRate: price?.input_rate ?? null,
          outputRate: price?.output_rate ?? null,
        },
      ];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function usePricedHires() {
  return useQuery(
    queryOptions({
      // Under the shared hires root: hiring or pausing elsewhere refreshes the choice here.
      queryKey: [...sharedQueryKeys.hires, 'priced'],
      queryFn: ({ signal }) => getPricedHires(signal),
    }),
  );
}
