/**
 * The signed-in user's credit balance, read once for every page that shows it (billing,
 * dashboard, chat). One query under one key root, kept live: every change of the user's
 * credit_accounts row (a settled answer, a reservation, a purchase — in any tab or device) is
 * pushed by Realtime and every view of the balance refreshes; invalidating
 * `sharedQueryKeys.creditBalance` still refreshes it too.
 */
import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { dbNumber } from '@/shared/db-number';
import { useLiveQuery } from './live';
import { sharedQueryKeys } from './query-keys';
import { supabase } from './supabase';
import { unwrap } from './supabase-result';

const credits = dbNumber;

const balanceRowSchema = z.object({
  allowance_balance: credits,
  allowance_period_end: z.string().nullable(),
  purchased_balance: credits,
  reserved_balance: credits,
  frozen: z.boolean(),
  available: credits,
});

const grantRowSchema = z.object({ amount: credits }).nullable();

export interface CreditBalance {
  /** Credits spendable now: allowance left plus purchased, minus reservations (0 when frozen). */
  available: number;
  purchased: number;
  reserved: number;
  /** Purchased credits on hold (a disputed payment). */
  frozen: boolean;
  allowance: {
    /** What is left of this period's allowance (the view reports a lapsed allowance as 0). */
    remaining: number;
    /** What this period started with; 0 when no period is running. */
    granted: number;
    /** Spent from this period's allowance; 0 when no period is running. */
    used: number;
    /** When the running period ends; null when none is running. */
    periodEnd: string | null;
  };
}

/**
 * The credit_balances row and the latest allowance grant, read under RLS with the caller's own
 * session. Filtered by user id too: an admin's policies also show other users' rows.
 *
 * The allowance is spent first and lapses at period end (DESIGN §5). Once the period has ended
 * the latest grant no longer describes a running period, so granted and used are 0 rather than
 * counting the lapsed credits as used.
 */
export async function fetchCreditBalance(userId: string, signal?: AbortSignal): Promise<CreditBalance> {
  // A signal that never fires when react-query gives none (prefetches).
  const abort = signal ?? new AbortController().signal;
  const [balance, grant] = await Promise.all([
    supabase
      .from('credit_balances')
      .select(
        'allowance_balance, allowance_period_end, purchased_balance, reserved_balance, frozen, available',
      )
      .eq('user_id', userId)
      .abortSignal(abort)
      .single(),
    supabase
      .from('credit_ledger')
      .select('amount')
      .eq('user_id', userId)
      .eq('kind', 'allowance_grant')
      .order('created_at', { ascending: false })
      .limit(1)
      .abortSignal(abort)
      .maybeSingle(),
  ]);
  const row = balanceRowSchema.parse(unwrap(balance));
  const latestGrant = grantRowSchema.parse(unwrap(grant));
  const running = row.allowance_period_end !== null && new Date(row.allowance_period_end) > new Date();
  const granted = running ? (latestGrant?.amount ?? 0) : 0;
  return {
    available: row.available,
    purchased: row.purchased_balance,
    reserved: row.reserved_balance,
    frozen: row.frozen,
    allowance: {
      remaining: row.allowance_balance,
      granted,
      used: Math.max(0, granted - row.allowance_balance),
      periodEnd: running ? row.allowance_period_end : null,
    },
  };
}

export const creditBalanceKey = (userId: string) => [...sharedQueryKeys.creditBalance, userId] as const;

export const creditBalanceQueryOptions = (userId: string) =>
  queryOptions({
    queryKey: creditBalanceKey(userId),
    queryFn: ({ signal }) => fetchCreditBalance(userId, signal),
  });

export const useCreditBalance = (userId: string) =>
  useLiveQuery({
    ...creditBalanceQueryOptions(userId),
    // The balance view reads credit_accounts; every money movement updates that row.
    live: userId ? { table: 'credit_accounts', filter: `user_id=eq.${userId}` } : null,
  });
