/**
 * Yearly subscribers pay once a year but receive their allowance monthly (DESIGN.md §5). This
 * job, run hourly, grants each yearly subscription the month it is in when that month has not
 * been granted yet. The key (subscription + month start) is the one invoice.paid uses for the
 * first month, so the job and the webhook never grant a month twice, and a missed run catches up
 * on the next.
 */
import type pg from 'pg';
import { withTransaction } from '../db';
import type { Logger } from '../observability/logger';
import { addMonths, grantAllowance } from './webhook/allowance';
import { minDate } from './webhook/subscription-events';
import { lockUser } from './webhook/users';

interface YearlySubscription {
  user_id: string;
  stripe_subscription_id: string;
  plan_id: string;
  monthly_credits: number;
  current_period_start: Date;
  current_period_end: Date;
}

export interface YearlyAllowanceOptions {
  now?: Date;
  /** Only these users (support tooling, tests); all yearly subscribers when unset. */
  userIds?: string[];
}

export async function grantYearlyAllowances(
  db: pg.Pool,
  log: Logger,
  { now = new Date(), userIds }: YearlyAllowanceOptions = {},
): Promise<{ granted: number; checked: number }> {
  const { rows } = await db.query<YearlySubscription>(
    `select s.user_id, s.stripe_subscription_id, s.plan_id, p.monthly_credits::float8 as monthly_credits,
            s.current_period_start, s.current_period_end
       from public.subscriptions s join public.plans p on p.id = s.plan_id
      where s.interval = 'year' and s.status in ('active', 'trialing')
        and s.current_period_start <= $1 and s.current_period_end > $1
        and ($2::uuid[] is null or s.user_id = any($2::uuid[]))`,
    [now, userIds ?? null],
  );
  let granted = 0;
  for (const sub of rows) {
    const monthStart = currentMonthStart(sub.current_period_start, now);
    const result = await withTransaction(db, async (client) => {
      await lockUser(client, sub.user_id);
      return grantAllowance(client, {
        userId: sub.user_id,
        origin: sub.stripe_subscription_id,
        credits: sub.monthly_credits,
        periodStart: monthStart,
        periodEnd: minDate(addMonths(monthStart, 1), sub.current_period_end),
        source: {
          stripe_subscription: sub.stripe_subscription_id,
          plan: sub.plan_id,
          reason: 'yearly_plan_month',
        },
      });
    }).catch((error: unknown) => {
      log.error('yearly allowance grant failed', {
        userId: sub.user_id,
        subscription: sub.stripe_subscription_id,
        error,
      });
      return 'failed' as const;
    });
    if (result === 'granted') granted += 1;
  }
  return { granted, checked: rows.length };
}

/** The start of the month of the billing year that `now` falls in. */
export function currentMonthStart(periodStart: Date, now: Date): Date {
  let months =
    (now.getUTCFullYear() - periodStart.getUTCFullYear()) * 12 +
    now.getUTCMonth() -
    periodStart.getUTCMonth();
  while (months > 0 && addMonths(periodStart, months) > now) months -= 1;
  return addMonths(periodStart, Math.max(0, months));
}
