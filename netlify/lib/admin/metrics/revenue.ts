/**
 * GET /api/admin/revenue: what the business earns, from the Stripe mirror — `subscriptions` (the
 * webhook's copy of every subscription) with `plan_prices`, and `stripe_events` (every event Stripe
 * sent, payloads kept). Nothing here calls Stripe. Service action (admin verified by the pipeline).
 * Both sources hold one row per subscription or event, and the event reads use the
 * (type, stripe_created_at) index.
 */
import type { Queryable } from '../../db';
import type { RevenueReport } from '../../../../src/shared/admin-metrics';

export const revenueDefinitions: Record<string, string> = {
  mrr: 'Sum over subscriptions with status active or past_due of their price (plan_prices by Stripe Price ID); a yearly price counts as a twelfth per month. ARR = 12 × MRR.',
  newSubscriptions: 'Subscriptions Stripe created this month (UTC), whatever their status now.',
  churnedSubscriptions: 'Subscriptions canceled whose end (ended_at, else canceled_at) falls in this month.',
  pastDueSubscriptions: 'Subscriptions whose status is past_due now (a renewal payment failed).',
  packRevenue: 'amount_total of checkout.session.completed events in payment mode, paid, created this month.',
  refunds:
    'charge.refunded events created this month; each counts the amount refunded by that event (amount_refunded minus the previous amount_refunded).',
  disputes: 'charge.dispute.created events created this month, with the disputed amount.',
  monthly:
    'Per UTC month: subscription = amount_paid of invoice.paid events; packs as above; refunds as above; net = subscription + packs − refunds.',
};

export async function revenueReport(db: Queryable): Promise<RevenueReport> {
  const [plans, counts, events, monthly] = await Promise.all([
    db.query<{ plan: string; interval: 'month' | 'year'; subscriptions: number; mrr: number }>(
      `select s.plan_id as plan, s.interval, count(*)::int as subscriptions,
              coalesce(sum(case when s.interval = 'year' then pp.amount_cents / 12.0 else pp.amount_cents end), 0)::float8 as mrr
         from public.subscriptions s
         left join public.plan_prices pp on pp.stripe_price_id = s.stripe_price_id
        where s.status in ('active', 'past_due')
        group by 1, 2 order by 1, 2`,
    ),
    db.query<{ new: number; churned: number; past_due: number; month: string }>(
      `with m as (select date_trunc('month', now() at time zone 'utc') at time zone 'utc' as start)
       select count(*) filter (where s.stripe_created_at >= m.start)::int as new,
              count(*) filter (where s.status = 'canceled' and coalesce(s.ended_at, s.canceled_at) >= m.start)::int as churned,
              count(*) filter (where s.status = 'past_due')::int as past_due,
              to_char(m.start at time zone 'utc', 'YYYY-MM') as month
         from m left join public.subscriptions s on true
        group by m.start`,
    ),
    db.query<{ kind: string; cents: number; events: number }>(
      `with m as (select date_trunc('month', now() at time zone 'utc') at time zone 'utc' as start)
       select kind, coalesce(sum(cents), 0)::float8 as cents, count(*)::int as events
         from (
           select 'pack' as kind, (e.payload -> 'data' -> 'object' ->> 'amount_total')::bigint as cents
             from public.stripe_events e, m
            where e.type = 'checkout.session.completed' and e.stripe_created_at >= m.start
              and e.payload -> 'data' -> 'object' ->> 'mode' = 'payment'
              and e.payload -> 'data' -> 'object' ->> 'payment_status' = 'paid'
           union all
           select 'refund', (e.payload -> 'data' -> 'object' ->> 'amount_refunded')::bigint
                    - coalesce((e.payload -> 'data' -> 'previous_attributes' ->> 'amount_refunded')::bigint, 0)
             from public.stripe_events e, m
            where e.type = 'charge.refunded' and e.stripe_created_at >= m.start
           union all
           select 'dispute', (e.payload -> 'data' -> 'object' ->> 'amount')::bigint
             from public.stripe_events e, m
            where e.type = 'charge.dispute.created' and e.stripe_created_at >= m.start
         ) t
        group by kind`,
    ),
    db.query<RevenueReport['monthly'][number]>(
      `with months as (
         select generate_series(
                  date_trunc('month', now() at time zone 'utc') - interval '11 months',
                  date_trunc('month', now() at time zone 'utc'), interval '1 month') as start
       ), amounts as (
         select date_trunc('month', e.stripe_created_at at time zone 'utc') as start,
                sum(case when e.type = 'invoice.paid' then (e.payload -> 'data' -> 'object' ->> 'amount_paid')::bigint else 0 end) as subscription,
                sum(case when e.type = 'checkout.session.completed'
                          and e.payload -> 'data' -> 'object' ->> 'mode' = 'payment'
                          and e.payload -> 'data' -> 'object' ->> 'payment_status' = 'paid'
                         then (e.payload -> 'data' -> 'object' ->> 'amount_total')::bigint else 0 end) as pack,
                sum(case when e.type = 'charge.refunded'
                         then (e.payload -> 'data' -> 'object' ->> 'amount_refunded')::bigint
                              - coalesce((e.payload -> 'data' -> 'previous_attributes' ->> 'amount_refunded')::bigint, 0)
                         else 0 end) as refund
           from public.stripe_events e
          where e.type in ('invoice.paid', 'checkout.session.completed', 'charge.refunded')
            and e.stripe_created_at >= (date_trunc('month', now() at time zone 'utc') - interval '11 months') at time zone 'utc'
          group by 1
       )
       select to_char(months.start, 'YYYY-MM') as month,
              coalesce(a.subscription, 0)::float8 as "subscriptionCents",
              coalesce(a.pack, 0)::float8 as "packCents",
              coalesce(a.refund, 0)::float8 as "refundCents",
              (coalesce(a.subscription, 0) + coalesce(a.pack, 0) - coalesce(a.refund, 0))::float8 as "netCents"
         from months left join amounts a on a.start = months.start
        order by months.start`,
    ),
  ]);
  const mrrExact = plans.rows.reduce((sum, row) => sum + row.mrr, 0);
  const figure = (kind: string) => events.rows.find((row) => row.kind === kind) ?? { cents: 0, events: 0 };
  const count = counts.rows[0];
  return {
    month: count?.month ?? '',
    mrrCents: Math.round(mrrExact),
    arrCents: Math.round(mrrExact * 12),
    mrrByPlan: plans.rows.map((row) => ({
      plan: row.plan,
      interval: row.interval,
      subscriptions: row.subscriptions,
      mrrCents: Math.round(row.mrr),
    })),
    newSubscriptions: count?.new ?? 0,
    churnedSubscriptions: count?.churned ?? 0,
    pastDueSubscriptions: count?.past_due ?? 0,
    packRevenueCents: figure('pack').cents,
    packsSold: figure('pack').events,
    refundsCents: figure('refund').cents,
    refunds: figure('refund').events,
    disputesCents: figure('dispute').cents,
    disputes: figure('dispute').events,
    monthly: monthly.rows,
    definitions: revenueDefinitions,
  };
}
