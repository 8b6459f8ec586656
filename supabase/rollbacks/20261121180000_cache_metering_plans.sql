-- Rollback of 20261121180000_cache_metering_plans.sql. The application must be back on the
-- metering statements of netlify/lib/llm/metering.ts before this runs.

drop function billing.settle_call(uuid, text, text, text, text, bigint, bigint, bigint, integer, text, boolean, uuid, uuid, timestamptz, jsonb);
drop function billing.release_call(uuid, text, text, text, text, bigint, bigint, bigint, integer, text, boolean, uuid, uuid);

create or replace function private.credit_balance_of(p_account public.credit_accounts)
returns billing.balance
language sql
stable
set search_path = ''
as $$
  select row(
    p_account.user_id,
    case when p_account.allowance_period_end > now() then p_account.allowance_balance else 0 end,
    p_account.allowance_period_start,
    p_account.allowance_period_end,
    p_account.purchased_balance,
    p_account.reserved_balance,
    greatest(
      0,
      case when p_account.allowance_period_end > now() then p_account.allowance_balance else 0 end
        + case when p_account.frozen then 0 else p_account.purchased_balance end
        - p_account.reserved_balance
    ),
    p_account.frozen
  )::billing.balance;
$$;

create or replace function private.settlement_of(p_reservation public.credit_reservations)
returns billing.settlement
language sql
immutable
set search_path = ''
as $$
  select row(
    p_reservation.request_id,
    p_reservation.status,
    p_reservation.amount,
    p_reservation.actual_cost,
    coalesce(p_reservation.charged_allowance, 0) + coalesce(p_reservation.charged_purchased, 0),
    coalesce(p_reservation.charged_allowance, 0),
    coalesce(p_reservation.charged_purchased, 0),
    coalesce(p_reservation.shortfall, 0),
    p_reservation.allowance_balance_after,
    p_reservation.purchased_balance_after
  )::billing.settlement;
$$;

create or replace function ratelimit.hit_for_user(
  p_key text,
  p_user_id uuid,
  p_limits_by_plan jsonb,
  p_window_seconds integer
)
returns table (
  allowed boolean,
  remaining integer,
  reset_at timestamptz,
  retry_after_seconds integer,
  request_limit integer
)
language sql
security definer
set search_path = ''
as $$
  with rule as (
    select coalesce(
      (p_limits_by_plan ->> (select p.plan from public.profiles p where p.id = p_user_id))::integer,
      (p_limits_by_plan ->> 'free')::integer
    ) as request_limit
  )
  select h.allowed, h.remaining, h.reset_at, h.retry_after_seconds, rule.request_limit
  from rule
  cross join lateral ratelimit.hit(p_key, rule.request_limit, p_window_seconds) as h;
$$;
