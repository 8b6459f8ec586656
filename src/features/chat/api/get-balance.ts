import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { supabase } from '@/lib/supabase';
import { unwrap } from '@/lib/supabase-result';
import { chatKeys } from '../keys';

const balanceSchema = z.object({ available: z.number().nullable() }).nullable();

/** Credits the caller can spend now (RLS: their own account only). */
export async function getBalance(signal?: AbortSignal): Promise<number> {
  let query = supabase.from('credit_balances').select('available');
  if (signal) query = query.abortSignal(signal);
  return balanceSchema.parse(unwrap(await query.maybeSingle()))?.available ?? 0;
}

export function useBalance() {
  return useQuery(
    queryOptions({ queryKey: chatKeys.balance(), queryFn: ({ signal }) => getBalance(signal) }),
  );
}
