-- Rollback of 20261204140000_charge_started_calls_on_expiry.sql. The gateway must be back on
-- billing.reserve_credits (netlify/lib/llm/metering.ts) before this runs.

drop function billing.reserve_call(uuid, text, text, text, text, bigint, bigint, uuid, uuid);

create or replace function billing.expire_reservations()
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user_id uuid;
  v_released bigint;
  v_count integer;
  v_total integer := 0;
begin
  for v_user_id in
    select distinct r.user_id
    from public.credit_reservations r
    where r.status = 'active' and r.expires_at <= now()
    order by r.user_id
  loop
    -- Same lock order as every other function: account first.
    perform private.lock_credit_account(v_user_id);
    with expired as (
      update public.credit_reservations r
      set status = 'expired', finished_at = now()
      where r.user_id = v_user_id and r.status = 'active' and r.expires_at <= now()
      returning r.amount
    )
    select coalesce(sum(amount), 0), count(*) into v_released, v_count from expired;

    update public.credit_accounts
    set reserved_balance = reserved_balance - v_released
    where user_id = v_user_id;
    v_total := v_total + v_count;
  end loop;
  return v_total;
end;
$$;
comment on function billing.expire_reservations() is 'Marks active reservations past expires_at as expired and frees their hold. Returns the number expired.';
