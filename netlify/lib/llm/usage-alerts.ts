/**
 * Usage alerts: when a charge takes the monthly allowance across 50 %, 80 % or 100 % used, one
 * usage_alerts row and one notification per threshold per allowance period; when it takes the
 * purchased balance below 10 % of what it was right after the latest purchase, one purchased_low
 * alert per purchase (a new purchase re-arms it; see 20261121160000_add_purchased_low_usage_alert.sql).
 * Crossing is judged from the settlement's own before/after balances (settlements are serialised
 * per account), and the table's unique (user, period, threshold) makes a repeat a no-op.
 */
export const usageAlertThresholds = [50, 80, 100] as const;

/**
 * CTEs that insert the alerts (and their notifications) a settlement crossed, for a statement with
 * the user id as $1, the thresholds as the parameter `thresholds` names and a CTE `settled`
 * (billing.settlement): part of settleAndRecord's one round trip.
 */
export const usageAlertCtes = (thresholds: string) => `
  charge as (
    select charged_allowance::bigint as from_allowance, allowance_balance::bigint as allowance_after,
           charged_purchased::bigint as from_purchased, purchased_balance::bigint as purchased_after
    from settled
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
  ), latest_purchase as (
    -- Purchased credits never expire: their alert period runs from the latest purchase, measured
    -- against the balance right after it (credit_ledger_user_id_created_at_purchase_idx).
    select l.created_at as period_start, l.balance_after as topped_up
    from public.credit_ledger l
    where l.user_id = $1 and l.kind = 'purchase' and (select from_purchased from charge) > 0
    -- Purchases of one transaction share created_at; the last of them left the highest balance.
    order by l.created_at desc, l.balance_after desc
    limit 1
  ), crossed as (
    select g.period_start, g.allowance as of_credits, t.percent, g.allowance - c.allowance_after as used_after,
           case when t.percent >= 100 then 'limit_reached' when t.percent >= 80 then 'critical' else 'warning' end as kind
    from granted g, charge c, unnest(${thresholds}::int[]) as t(percent)
    where g.allowance > 0
      and (g.allowance - c.allowance_after - c.from_allowance) * 100 < t.percent * g.allowance
      and (g.allowance - c.allowance_after) * 100 >= t.percent * g.allowance
    union all
    -- "Low" is under 10 % of the post-purchase balance left; the table checks purchased_low = 10.
    select p.period_start, p.topped_up, 10, p.topped_up - c.purchased_after, 'purchased_low'
    from latest_purchase p, charge c
    where p.topped_up > 0
      and (c.purchased_after + c.from_purchased) * 100 >= 10 * p.topped_up
      and c.purchased_after * 100 < 10 * p.topped_up
  ), alerts as (
    insert into public.usage_alerts (user_id, period_start, threshold_percent, kind, used_credits, allowance_credits)
    select $1, c.period_start, c.percent, c.kind, greatest(c.used_after, 0), c.of_credits
    from crossed c
    on conflict (user_id, period_start, threshold_percent) do nothing
    returning threshold_percent, kind
  ), alert_notifications as (
    insert into public.notifications (user_id, kind, title, body, link)
    select $1, 'usage_alert',
           case when a.kind = 'purchased_low' then 'Purchased credits running low'
                when a.kind = 'limit_reached' then 'Monthly credits used up'
                else format('%s%% of your monthly credits used', a.threshold_percent) end,
           case when a.kind = 'purchased_low'
                then 'Less than 10% of the credits you had after your last purchase are left. Buy a token pack to keep going once your monthly allowance is spent.'
                when a.kind = 'limit_reached'
                then 'Your monthly allowance is spent. Purchased credits are used next; buy a token pack or upgrade to keep going.'
                else format('You have used %s%% of this month''s allowance.', a.threshold_percent) end,
           '/billing'
    from alerts a
  )`;
