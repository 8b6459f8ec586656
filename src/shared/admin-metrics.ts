/**
 * The admin console's revenue and usage contracts (GET /api/admin/revenue, GET /api/admin/usage).
 * Money from Stripe is in cents; credits are 1,000,000 per US$1 at list price, so a provider cost
 * in credits is also micro-dollars. Every figure carries how it is computed (`definitions`), shown
 * beside it in the console.
 */
import { z } from 'zod';

export interface RevenueReport {
  /** The month "this month" means (UTC), as YYYY-MM. */
  month: string;
  mrrCents: number;
  arrCents: number;
  mrrByPlan: Array<{ plan: string; interval: 'month' | 'year'; subscriptions: number; mrrCents: number }>;
  newSubscriptions: number;
  churnedSubscriptions: number;
  pastDueSubscriptions: number;
  packRevenueCents: number;
  packsSold: number;
  refundsCents: number;
  refunds: number;
  disputesCents: number;
  disputes: number;
  /** The last 12 months, oldest first; every month present. */
  monthly: Array<{
    month: string;
    subscriptionCents: number;
    packCents: number;
    refundCents: number;
    netCents: number;
  }>;
  definitions: Record<string, string>;
}

export interface UsageReport {
  from: string;
  to: string;
  totals: UsageFigures;
  byDay: Array<UsageFigures & { day: string }>;
  byProvider: Array<UsageFigures & { provider: string }>;
  byModel: Array<UsageFigures & { provider: string; model: string }>;
  byFeature: Array<UsageFigures & { feature: string }>;
  topUsers: Array<{
    userId: string;
    email: string | null;
    requests: number;
    credits: number;
    costCredits: number;
  }>;
  marginByPlan: Array<{
    plan: string;
    revenueCents: number;
    costCents: number;
    marginCents: number;
    /** null when the plan earned nothing in the range. */
    marginPercent: number | null;
  }>;
  definitions: Record<string, string>;
}

export interface UsageFigures {
  requests: number;
  credits: number;
  /** Provider cost at list price, in credits (= micro-dollars), rounded to a whole credit. */
  costCredits: number;
}

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD.');

/** An inclusive range of UTC days; 30 days ending today unless given. At most 400 days. */
export const UsageQuery = z
  .object({ from: isoDay.optional(), to: isoDay.optional() })
  .transform(({ from, to }) => {
    const end = to ?? new Date().toISOString().slice(0, 10);
    const start = from ?? new Date(Date.parse(end) - 29 * 86_400_000).toISOString().slice(0, 10);
    return { from: start, to: end };
  })
  .refine((range) => range.from <= range.to, 'from must not be after to.')
  .refine((range) => Date.parse(range.to) - Date.parse(range.from) <= 400 * 86_400_000, 'At most 400 days.');
