/**
 * Usage alerts: when a charge takes the monthly allowance across 50 %, 80 % or 100 % used, one
 * usage_alerts row and one notification per threshold per allowance period. Crossing is judged
 * from the settlement's own before/after balances (settlements are serialised per account), and
 * the table's unique (user, period, threshold) makes a repeat a no-op.
 */
export const usageAlertThresholds = [50, 80, 100] as const;

/**
 * CTEs that insert the alerts (and their notifications) a settlement crossed, for a statement with
 * the user id as $1, the thresholds as the parameter `thresholds` names and a CTE `settled`
 * (billing.settlement): part of settleAndRecord's one round trip.
 */
export const usageAlertCtes = (thresholds: string) => `
  charge as (
    select charged_allowance::bigint as from_allowance, allowance_balance::bigint as allowance_after from settled
  ), account as (
    select allowance_period_start as period_start
    from public.credit_accounts
    where user_id = $1 and allowance_period_end > now() and (select from_allowance from charge) > 0
  ), granted as (
    select l.amount as allowance, account.period_start
    from account
    join public.credit_ledger l
      on l.user_id = $1 and l.kind = 'allowance_grant'
     and (l.source ->> 'period_start')::timestamptz = account.period_start
    order by l.created_at desc
    limit 1
  ), crossed as (
    select g.period_start, g.allowance, t.percent, g.allowance - c.allowance_after as used_after
    from granted g, charge c, unnest(${thresholds}::int[]) as t(percent)
    where g.allowance > 0
      and (g.allowance - c.allowance_after - c.from_allowance) * 100 < t.percent * g.allowance
      and (g.allowance - c.allowance_after) * 100 >= t.percent * g.allowance
  ), alerts as (
    insert into public.usage_alerts (user_id, period_start, threshold_percent, kind, used_credits, allowance_credits)
    select $1, c.period_start, c.percent,
           case when c.percent >= 100 then 'limit_reached' when c.percent >= 80 then 'critical' else 'warning' end,
           greatest(c.used_after, 0), c.allowance
    from crossed c
    on conflict (user_id, period_start, threshold_percent) do nothing
    returning threshold_percent
  ), alert_notifications as (
    insert into public.notifications (user_id, kind, title, body, link)
    select $1, 'usage_alert',
           case when a.threshold_percent >= 100 then 'Monthly credits used up'
                else format('%s%% of your monthly credits used', a.threshold_percent) end,
           case when a.threshold_percent >= 100
                then 'Your monthly allowance is spent. Purchased credits are used next; buy a token pack or upgrade to keep going.'
                else format('You have used %s%% of this month''s allowance.', a.threshold_percent) end,
           '/billing'
    from alerts a
  )`;
