-- Usage alerts are worded by the app, not by the settlement (issue 19, ADR 0074).
--
-- billing.settle_call wrote each usage alert's in-app notification with its title and body in
-- SQL, so changing a word took a migration (and the dashboard, the bell and the email each had
-- their own wording). Now the settlement records only the alert — its kind and figures in
-- usage_alerts, as before — and a trigger on usage_alerts adds the notification with those facts
-- and no wording (title null, body empty); the SPA words it when shown (src/shared/usage-alert-text.ts),
-- as the usage_alert email template already did for the email.
--
-- billing.settle_call keeps its signature, its result and everything else it does; the run
-- engine's finish_attempt, which calls it, needs no change and gets the same notifications.

alter table public.notifications add column facts jsonb;
comment on column public.notifications.facts is
  'What a notification the app words itself is about (usage alerts: kind, thresholdPercent, usedCredits, allowanceCredits); title is null and body empty then. Notifications worded by the server carry their title and body instead.';
alter table public.notifications alter column title drop not null;
alter table public.notifications add constraint notifications_title_or_facts_check
  check (title is not null or facts is not null);

create function private.notify_usage_alert()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.notifications (user_id, kind, facts, link)
  values (
    new.user_id,
    'usage_alert',
    jsonb_build_object(
      'kind', new.kind,
      'thresholdPercent', new.threshold_percent,
      'usedCredits', new.used_credits,
      'allowanceCredits', new.allowance_credits
    ),
    '/billing'
  );
  return null;
end;
$$;
comment on function private.notify_usage_alert() is
  'Trigger: the in-app notification of a new usage alert, as facts for the app to word.';
revoke execute on function private.notify_usage_alert() from public, anon, authenticated;

create trigger usage_alerts_notify
  after insert on public.usage_alerts
  for each row execute function private.notify_usage_alert();

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
    -- Its in-app notification and email are the usage_alerts triggers' (same transaction).
    on conflict (user_id, period_start, threshold_percent) do nothing
  )
  select s.charged, s.charged_allowance, s.allowance_balance,
         greatest(0, (billing.get_balance(p_user_id)).available
           + case when hold.active then hold.amount else 0 end - s.charged)::bigint
  from settled s, hold;
end;
$$;
comment on function billing.settle_call(uuid, text, text, text, text, bigint, bigint, bigint, integer, text, boolean, uuid, uuid, timestamptz, jsonb) is
  'Meters a finished model call: settles its reservation at billing.price_call(tokens, p_started_at), writes its token_usage row and the usage alerts the charge crossed (their notification and email come from the usage_alerts triggers, as facts the app words), and returns the charge and the available credits after it. Idempotent by request id.';
