-- Rollback of 20261205110100_word_usage_alerts_in_the_app.sql: settle_call words the usage
-- alerts' notifications again. Notifications created meanwhile without a title are worded here,
-- as the previous settle_call did, so the column can be not null again.
drop trigger usage_alerts_notify on public.usage_alerts;
drop function private.notify_usage_alert();

update public.notifications
   set title = case when facts ->> 'kind' = 'purchased_low' then 'Purchased credits running low'
                    when facts ->> 'kind' = 'limit_reached' then 'Monthly credits used up'
                    else format('%s%% of your monthly credits used', facts ->> 'thresholdPercent') end,
       body = case when facts ->> 'kind' = 'purchased_low'
                   then 'Less than 10% of the credits you had after your last purchase are left. Buy a token pack to keep going once your monthly allowance is spent.'
                   when facts ->> 'kind' = 'limit_reached'
                   then 'Your monthly allowance is spent. Purchased credits are used next; buy a token pack or upgrade to keep going.'
                   else format('You have used %s%% of this month''s allowance.', facts ->> 'thresholdPercent') end
 where title is null;
alter table public.notifications drop constraint notifications_title_or_facts_check;
alter table public.notifications alter column title set not null;
alter table public.notifications drop column facts;

create or replace function billing.settle_call(
  p_user_id uuid,
  p_request_id text,
  p_provider text,
  p_model text,
  p_feature text,
  p_input_tokens bigint,
  p_output_tokens bigint,
  p_cached_tokens bigint,
  p_latency_ms integer,
  p_status text,
  p_estimated boolean,
  p_session_id uuid,
  p_message_id uuid,
  p_started_at timestamptz,
  p_details jsonb
)
returns table (charged bigint, charged_allowance bigint, allowance_balance bigint, available bigint)
language plpgsql
security definer
set search_path = ''
as $$
#variable_conflict use_column
begin
  -- One statement, so every part shares one snapshot, taken before the settlement: the balance at
  -- the end is computed from it (the hold comes back, the charge goes). It is exact unless another
  -- call of the same user settled in between, and only informs the caller; the ledger is the
  -- authority. Crossing an alert threshold is judged from the settlement's own before/after
  -- balances (settlements are serialised per account) and usage_alerts' unique (user, period,
  -- threshold) makes a repeat a no-op.
  return query
  with hold as (
    select r.amount, r.status = 'active' as active from public.credit_reservations r where r.request_id = p_request_id
  ), settled as (
    select * from billing.settle_reservation(
      p_request_id,
      billing.price_call(p_provider, p_model, p_input_tokens, p_output_tokens, p_cached_tokens, p_started_at),
      p_details
    )
  ), usage_row as (
    insert into public.token_usage (user_id, request_id, provider, model, feature, input_tokens, output_tokens,
                                    cached_tokens, latency_ms, status, estimated, session_id, message_id, credits_charged)
    select p_user_id, p_request_id, p_provider, p_model, p_feature, p_input_tokens, p_output_tokens,
           p_cached_tokens, p_latency_ms, p_status, p_estimated, p_session_id, p_message_id, settled.charged
    from settled
    on conflict (request_id) do nothing
  ), charge as (
    select charged_allowance::bigint as from_allowance, allowance_balance::bigint as allowance_after,
           charged_purchased::bigint as from_purchased, purchased_balance::bigint as purchased_after
    from settled
  ), account as (
    select a.allowance_period_start as period_start
    from public.credit_accounts a
    where a.user_id = p_user_id and a.allowance_period_end > now() and (select from_allowance from charge) > 0
  ), granted as (
    -- The grant of the running period (credit_ledger_user_id_created_at_allowance_grant_idx).
    select l.amount as allowance, account.period_start
    from account
    join public.credit_ledger l
      on l.user_id = p_user_id and l.kind = 'allowance_grant'
     and (l.source ->> 'period_start')::timestamptz = account.period_start
    order by l.created_at desc
    limit 1
  ), latest_purchase as (
    -- Purchased credits never expire: their alert period runs from the latest purchase, measured
    -- against the balance right after it (credit_ledger_user_id_created_at_purchase_idx).
    select l.created_at as period_start, l.balance_after as topped_up
    from public.credit_ledger l
    where l.user_id = p_user_id and l.kind = 'purchase' and (select from_purchased from charge) > 0
    -- Purchases of one transaction share created_at; the last of them left the highest balance.
    order by l.created_at desc, l.balance_after desc
    limit 1
  ), crossed as (
    select g.period_start, g.allowance as of_credits, t.percent, g.allowance - c.allowance_after as used_after,
           case when t.percent >= 100 then 'limit_reached' when t.percent >= 80 then 'critical' else 'warning' end as kind
    from granted g, charge c, unnest(array[50, 80, 100]) as t(percent)
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
    select p_user_id, c.period_start, c.percent, c.kind, greatest(c.used_after, 0), c.of_credits
    from crossed c
    on conflict (user_id, period_start, threshold_percent) do nothing
    returning threshold_percent, kind
  ), alert_notifications as (
    insert into public.notifications (user_id, kind, title, body, link)
    select p_user_id, 'usage_alert',
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
  )
  select s.charged, s.charged_allowance, s.allowance_balance,
         greatest(0, (billing.get_balance(p_user_id)).available
           + case when hold.active then hold.amount else 0 end - s.charged)::bigint
  from settled s, hold;
end;
$$;
comment on function billing.settle_call(uuid, text, text, text, text, bigint, bigint, bigint, integer, text, boolean, uuid, uuid, timestamptz, jsonb) is
  'Meters a finished model call: settles its reservation at billing.price_call(tokens, p_started_at), writes its token_usage row, the usage alerts and notifications the charge crossed, and returns the charge and the available credits after it. Idempotent by request id.';
