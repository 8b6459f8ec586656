/**
 * GET /api/admin/usage?from=&to=: credits and provider cost by day, provider, model and feature,
 * the top users, and gross margin per plan — all from the usage rollups (maintained as usage is
 * written, 20261204120300_create_usage_rollups.sql), never from token_usage itself.
 * Service action (admin verified by the pipeline).
 */
import type { Queryable } from '../../db';
import type { UsageFigures, UsageReport } from '../../../../src/shared/admin-metrics';

export const usageDefinitions: Record<string, string> = {
  credits: 'Credits charged for the calls (1,000,000 credits = US$1), summed from usage_daily_rollups.',
  cost: 'Provider cost at list price: each call’s tokens × the model_pricing rates effective at the call, before rounding up to whole credits; shown in credits (= micro-dollars) or cents.',
  range: 'UTC days from `from` to `to`, both included.',
  topUsers: 'The ten users with the most credits charged in the month of `to` (usage_user_monthly_rollups).',
  margin:
    'Per plan (the user’s plan when the call was made): revenue = amount_paid of invoice.paid events in the range whose subscription is on the plan; cost = provider cost of the plan’s usage in the range; margin = revenue − cost, percent of revenue. Token packs are not attributed to plans.',
};

const figures = `coalesce(sum(requests), 0)::float8 as requests, coalesce(sum(credits), 0)::float8 as credits,
  round(coalesce(sum(cost_credits), 0))::float8 as "costCredits"`;

export async function usageReport(db: Queryable, range: { from: string; to: string }): Promise<UsageReport> {
  // Usage written since the last fold is added first (service action), so the figures are current.
  await db.query('select private.fold_usage_queue()');
  const grouped = <T>(select: string, groupBy: string) =>
    db.query<T & UsageFigures>(
      `select ${select}${select ? ', ' : ''}${figures}
         from public.usage_daily_rollups where day between $1::date and $2::date
        ${groupBy ? `group by ${groupBy} order by ${groupBy}` : ''}`,
      [range.from, range.to],
    );
  const [totals, byDay, byProvider, byModel, byFeature, topUsers, margin] = await Promise.all([
    grouped<object>('', ''),
    grouped<{ day: string }>(`to_char(day, 'YYYY-MM-DD') as day`, '1'),
    grouped<{ provider: string }>('provider', 'provider'),
    grouped<{ provider: string; model: string }>('provider, model', 'provider, model'),
    grouped<{ feature: string }>('feature', 'feature'),
    db.query<UsageReport['topUsers'][number]>(
      `select r.user_id as "userId", u.email, r.requests::float8 as requests, r.credits::float8 as credits,
              round(r.cost_credits)::float8 as "costCredits"
         from public.usage_user_monthly_rollups r
         left join auth.users u on u.id = r.user_id
        where r.month = date_trunc('month', $1::date)::date
        order by r.credits desc, r.user_id
        limit 10`,
      [range.to],
    ),
    db.query<{ plan: string; revenue: number; cost: number }>(
      `with revenue as (
         select s.plan_id as plan, sum((e.payload -> 'data' -> 'object' ->> 'amount_paid')::bigint) as cents
           from public.stripe_events e
           join public.subscriptions s
             on s.stripe_subscription_id = e.payload -> 'data' -> 'object' -> 'parent' -> 'subscription_details' ->> 'subscription'
          where e.type = 'invoice.paid'
            and e.stripe_created_at >= $1::date::timestamp at time zone 'utc'
            and e.stripe_created_at < ($2::date + 1)::timestamp at time zone 'utc'
          group by 1
       ), cost as (
         select plan, sum(cost_credits) as credits
           from public.usage_daily_rollups where day between $1::date and $2::date group by 1
       )
       select coalesce(r.plan, c.plan) as plan, coalesce(r.cents, 0)::float8 as revenue,
              coalesce(c.credits, 0)::float8 as cost
         from revenue r full join cost c on c.plan = r.plan
        order by 1`,
      [range.from, range.to],
    ),
  ]);
  return {
    ...range,
    totals: totals.rows[0] ?? { requests: 0, credits: 0, costCredits: 0 },
    byDay: byDay.rows,
    byProvider: byProvider.rows,
    byModel: byModel.rows,
    byFeature: byFeature.rows,
    topUsers: topUsers.rows,
    marginByPlan: margin.rows.map((row) => {
      // 1 cent = 10,000 credits.
      const costCents = Math.round(row.cost / 10_000);
      const marginCents = row.revenue - costCents;
      return {
        plan: row.plan,
        revenueCents: row.revenue,
        costCents,
        marginCents,
        marginPercent: row.revenue > 0 ? Math.round((marginCents / row.revenue) * 1000) / 10 : null,
      };
    }),
    definitions: usageDefinitions,
  };
}
