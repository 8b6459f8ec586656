import { z } from 'zod';
import { dbNumber } from '@/shared/db-number';

const credits = dbNumber;

export const ledgerFilters = ['all', 'grants', 'purchases', 'usage', 'refunds'] as const;
export type LedgerFilter = (typeof ledgerFilters)[number];

/** Ledger kinds behind each filter of the billing page. */
export const kindsByFilter: Record<Exclude<LedgerFilter, 'all'>, string[]> = {
  grants: ['allowance_grant', 'allowance_expiry'],
  purchases: ['purchase'],
  usage: ['usage'],
  refunds: ['clawback', 'refund'],
};

export const ledgerRowSchema = z
  .object({
    id: z.string(),
    created_at: z.string(),
    kind: z.string(),
    bucket: z.enum(['allowance', 'purchased']),
    amount: credits,
    balance_after: credits,
    request_id: z.string().nullable().default(null),
    source: z.record(z.string(), z.unknown()).nullable(),
  })
  .transform((row) => ({
    id: row.id,
    createdAt: row.created_at,
    kind: row.kind,
    bucket: row.bucket,
    amount: row.amount,
    balanceAfter: row.balance_after,
    requestId: row.request_id,
    source: row.source ?? {},
    /** What a usage row was for (describe-usage.ts); null for other kinds or when unknown. */
    purpose: null as string | null,
  }));
export type LedgerRow = z.output<typeof ledgerRowSchema>;

export const subscriptionSchema = z
  .object({
    plan_id: z.string(),
    interval: z.enum(['month', 'year']),
    status: z.string(),
    current_period_end: z.string().nullable(),
    cancel_at_period_end: z.boolean(),
  })
  .transform((row) => ({
    planId: row.plan_id,
    interval: row.interval,
    status: row.status,
    currentPeriodEnd: row.current_period_end,
    cancelAtPeriodEnd: row.cancel_at_period_end,
  }));
export type Subscription = z.output<typeof subscriptionSchema>;

/** What the checkout and portal functions answer. */
export const redirectSchema = z.object({ url: z.url() });
