-- Money functions: the only way credits move (DESIGN.md §5).
--
-- Schema `billing` is private to the service role: it has usage on the schema and execute on the
-- functions; anon and authenticated have neither. It is not exposed through the Data API:
-- Netlify functions call it over a pooled Postgres connection, inside their own transactions
-- (docs/decisions/0005).
--
-- Every function is security definer with `search_path = ''` (fully-qualified names only), and:
-- * locks the credit account row (`for update`) before anything else, so all money operations on
--   one account are serialised and lock in the same order (account, then reservation): no
--   deadlocks, and no interleaving can spend the same credit twice;
-- * is idempotent: a repeated idempotency key (or request id) returns the first result and
--   changes nothing;
-- * writes the ledger row(s) and the balance change in the same transaction;
-- * can never make a balance negative: charges are capped with least(); the table's check
--   constraints back that up.
--
-- Errors use PostgREST's PTxyz convention so a REST caller gets the HTTP status xyz:
-- PT402 INSUFFICIENT_CREDITS, PT404 CREDIT_ACCOUNT_NOT_FOUND / RESERVATION_NOT_FOUND /
-- MODEL_NOT_PRICED, PT409 conflicts; bad arguments are 22023 (400).
--
-- Idempotency keys are chosen by the caller. Conventions: `allowance:<user>:<period start date>`,
-- `purchase:<checkout session id>`, `clawback:<charge id>:<amount refunded so far>`. Usage rows are keyed
-- `usage:<request id>:<bucket>` by settle_reservation itself.

create schema billing;
comment on schema billing is 'Money functions; executable by service_role only.';
revoke all on schema billing from public;
grant usage on schema billing to service_role;

create type billing.balance as (
  user_id uuid,
  allowance_balance bigint,
  allowance_period_start timestamptz,
  allowance_period_end timestamptz,
  purchased_balance bigint,
  reserved_balance bigint,
  available bigint,
  frozen boolean
);
comment on type billing.balance is 'A credit account as spendable credits: allowance counts only while its period runs, purchased only when not frozen.';

create type billing.settlement as (
  request_id text,
  status text,
  reserved bigint,
  actual_cost bigint,
  charged bigint,
  charged_allowance bigint,
  charged_purchased bigint,
  shortfall bigint,
  allowance_balance bigint,
  purchased_balance bigint
);
comment on type billing.settlement is 'Result of settle_reservation: what was charged from which bucket and the balances right after.';

-- ---------------------------------------------------------------------------------------------
-- Internal helpers, in the unexposed `private` schema so they never appear as RPC endpoints.
-- Not granted to anyone: the functions below call them as their owner.
-- ---------------------------------------------------------------------------------------------
create function private.credit_balance_of(p_account public.credit_accounts)
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
revoke execute on function private.credit_balance_of(public.credit_accounts) from public, anon, authenticated, service_role;

create function private.settlement_of(p_reservation public.credit_reservations)
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
revoke execute on function private.settlement_of(public.credit_reservations) from public, anon, authenticated, service_role;

-- Locks and returns the account, or raises PT404.
create function private.lock_credit_account(p_user_id uuid)
returns public.credit_accounts
language plpgsql
set search_path = ''
as $$
declare
  v_account public.credit_accounts;
begin
  select * into v_account from public.credit_accounts where user_id = p_user_id for update;
  if not found then
    raise exception 'CREDIT_ACCOUNT_NOT_FOUND' using errcode = 'PT404', detail = format('user %s has no credit account', p_user_id);
  end if;
  return v_account;
end;
$$;
revoke execute on function private.lock_credit_account(uuid) from public, anon, authenticated, service_role;

create function private.require_idempotency_key(p_key text)
returns void
language plpgsql
immutable
set search_path = ''
as $$
begin
  if p_key is null or char_length(p_key) not between 1 and 300 then
    raise exception 'idempotency key must be 1 to 300 characters' using errcode = '22023';
  end if;
end;
$$;
revoke execute on function private.require_idempotency_key(text) from public, anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- price_call: credits for one model call at the price effective at p_at.
-- ---------------------------------------------------------------------------------------------
create function billing.price_call(
  p_provider text,
  p_model text,
  p_input bigint,
  p_output bigint,
  p_cached bigint,
  p_at timestamptz default now()
)
returns bigint
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_price public.model_pricing;
begin
  if coalesce(p_input, -1) < 0 or coalesce(p_output, -1) < 0 or coalesce(p_cached, -1) < 0 then
    raise exception 'token counts must be non-negative' using errcode = '22023';
  end if;
  select * into v_price
  from public.model_pricing m
  where m.provider = p_provider
    and m.model = p_model
    and m.effective_from <= p_at
    and (m.effective_to is null or m.effective_to > p_at)
  order by m.effective_from desc
  limit 1;
  if not found then
    raise exception 'MODEL_NOT_PRICED' using errcode = 'PT404',
      detail = format('no price for %s/%s effective at %s', p_provider, p_model, p_at);
  end if;
  -- numeric: token counts times rates can exceed what bigint arithmetic should be trusted with.
  return ceil(
    (p_input::numeric * v_price.input_rate
      + p_output::numeric * v_price.output_rate
      + p_cached::numeric * v_price.cached_input_rate) / 1000000
  )::bigint;
end;
$$;
comment on function billing.price_call(text, text, bigint, bigint, bigint, timestamptz) is
  'Credits for a call: ceil((input*input_rate + output*output_rate + cached*cached_input_rate) / 1e6) at the price effective at p_at. p_input excludes cached tokens.';

-- ---------------------------------------------------------------------------------------------
-- get_balance
-- ---------------------------------------------------------------------------------------------
create function billing.get_balance(p_user_id uuid)
returns billing.balance
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_account public.credit_accounts;
begin
  select * into v_account from public.credit_accounts where user_id = p_user_id;
  if not found then
    raise exception 'CREDIT_ACCOUNT_NOT_FOUND' using errcode = 'PT404';
  end if;
  return private.credit_balance_of(v_account);
end;
$$;
comment on function billing.get_balance(uuid) is 'Allowance, purchased, reserved and available credits of a user.';

-- ---------------------------------------------------------------------------------------------
-- grant_allowance: start a new allowance period (lapsing what is left of the previous one).
-- ---------------------------------------------------------------------------------------------
create function billing.grant_allowance(
  p_user_id uuid,
  p_amount bigint,
  p_period_start timestamptz,
  p_period_end timestamptz,
  p_idempotency_key text,
  p_source jsonb default '{}'::jsonb
)
returns public.credit_ledger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_account public.credit_accounts;
  v_row public.credit_ledger;
begin
  perform private.require_idempotency_key(p_idempotency_key);
  if p_amount is null or p_amount < 0 then
    raise exception 'allowance must be zero or more' using errcode = '22023';
  end if;
  if p_period_start is null or p_period_end is null or p_period_end <= p_period_start then
    raise exception 'allowance period must end after it starts' using errcode = '22023';
  end if;

  v_account := private.lock_credit_account(p_user_id);

  select * into v_row from public.credit_ledger where idempotency_key = p_idempotency_key;
  if found then
    return v_row;
  end if;

  -- A late webhook for an older period must not replace the current allowance.
  if v_account.allowance_period_start is not null and p_period_start < v_account.allowance_period_start then
    raise exception 'STALE_ALLOWANCE_PERIOD' using errcode = 'PT409',
      detail = format('period starting %s is older than the current one (%s)', p_period_start, v_account.allowance_period_start);
  end if;

  if v_account.allowance_balance > 0 then
    insert into public.credit_ledger (user_id, kind, bucket, amount, balance_after, idempotency_key, source)
    values (
      p_user_id, 'allowance_expiry', 'allowance', -v_account.allowance_balance, 0,
      p_idempotency_key || ':expiry',
      jsonb_build_object('period_start', v_account.allowance_period_start, 'period_end', v_account.allowance_period_end)
    );
  end if;

  update public.credit_accounts
  set allowance_balance = p_amount,
      allowance_period_start = p_period_start,
      allowance_period_end = p_period_end
  where user_id = p_user_id;

  insert into public.credit_ledger (user_id, kind, bucket, amount, balance_after, idempotency_key, source)
  values (
    p_user_id, 'allowance_grant', 'allowance', p_amount, p_amount, p_idempotency_key,
    coalesce(p_source, '{}'::jsonb) || jsonb_build_object('period_start', p_period_start, 'period_end', p_period_end)
  )
  returning * into v_row;
  return v_row;
end;
$$;
comment on function billing.grant_allowance(uuid, bigint, timestamptz, timestamptz, text, jsonb) is
  'Lapses the remaining allowance (allowance_expiry row) and sets the new period''s allowance (allowance_grant row). Idempotent by key; refuses a period older than the current one.';

-- ---------------------------------------------------------------------------------------------
-- add_purchased_credits: a token pack was paid.
-- ---------------------------------------------------------------------------------------------
create function billing.add_purchased_credits(
  p_user_id uuid,
  p_amount bigint,
  p_idempotency_key text,
  p_source jsonb default '{}'::jsonb
)
returns public.credit_ledger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_account public.credit_accounts;
  v_row public.credit_ledger;
begin
  perform private.require_idempotency_key(p_idempotency_key);
  if p_amount is null or p_amount <= 0 then
    raise exception 'purchased credits must be positive' using errcode = '22023';
  end if;

  v_account := private.lock_credit_account(p_user_id);

  select * into v_row from public.credit_ledger where idempotency_key = p_idempotency_key;
  if found then
    return v_row;
  end if;

  update public.credit_accounts
  set purchased_balance = purchased_balance + p_amount
  where user_id = p_user_id
  returning * into v_account;

  insert into public.credit_ledger (user_id, kind, bucket, amount, balance_after, idempotency_key, source)
  values (p_user_id, 'purchase', 'purchased', p_amount, v_account.purchased_balance, p_idempotency_key, coalesce(p_source, '{}'::jsonb))
  returning * into v_row;
  return v_row;
end;
$$;
comment on function billing.add_purchased_credits(uuid, bigint, text, jsonb) is
  'Adds credits to the purchased bucket (purchase row). Idempotent by key; put payment_intent in p_source so a refund can find it.';

-- ---------------------------------------------------------------------------------------------
-- claw_back_purchased: a pack payment was refunded or lost in a dispute.
-- ---------------------------------------------------------------------------------------------
create function billing.claw_back_purchased(
  p_user_id uuid,
  p_amount bigint,
  p_idempotency_key text,
  p_source jsonb default '{}'::jsonb
)
returns public.credit_ledger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_account public.credit_accounts;
  v_row public.credit_ledger;
  v_taken bigint;
begin
  perform private.require_idempotency_key(p_idempotency_key);
  if p_amount is null or p_amount <= 0 then
    raise exception 'claw-back amount must be positive' using errcode = '22023';
  end if;

  v_account := private.lock_credit_account(p_user_id);

  select * into v_row from public.credit_ledger where idempotency_key = p_idempotency_key;
  if found then
    return v_row;
  end if;

  -- Credits already spent cannot be taken back: take what is there, record the rest.
  v_taken := least(p_amount, v_account.purchased_balance);

  update public.credit_accounts
  set purchased_balance = purchased_balance - v_taken
  where user_id = p_user_id
  returning * into v_account;

  insert into public.credit_ledger (user_id, kind, bucket, amount, balance_after, idempotency_key, source)
  values (
    p_user_id, 'clawback', 'purchased', -v_taken, v_account.purchased_balance, p_idempotency_key,
    coalesce(p_source, '{}'::jsonb) || jsonb_build_object('requested', p_amount, 'shortfall', p_amount - v_taken)
  )
  returning * into v_row;
  return v_row;
end;
$$;
comment on function billing.claw_back_purchased(uuid, bigint, text, jsonb) is
  'Takes min(amount, purchased balance) from the purchased bucket; the part that was already spent is recorded as source.shortfall. Idempotent by key.';

-- ---------------------------------------------------------------------------------------------
-- set_credits_frozen: dispute opened (freeze) or closed (unfreeze).
-- ---------------------------------------------------------------------------------------------
create function billing.set_credits_frozen(p_user_id uuid, p_frozen boolean, p_reason text default null)
returns billing.balance
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_account public.credit_accounts;
begin
  perform private.lock_credit_account(p_user_id);
  update public.credit_accounts
  set frozen = coalesce(p_frozen, false),
      frozen_reason = case when coalesce(p_frozen, false) then p_reason end
  where user_id = p_user_id
  returning * into v_account;
  return private.credit_balance_of(v_account);
end;
$$;
comment on function billing.set_credits_frozen(uuid, boolean, text) is
  'Freezes (or unfreezes) purchased credits, e.g. on charge.dispute.created: frozen credits stay on the books but cannot be reserved.';

-- ---------------------------------------------------------------------------------------------
-- reserve_credits: hold the maximum cost of a call before making it.
-- ---------------------------------------------------------------------------------------------
create function billing.reserve_credits(
  p_user_id uuid,
  p_amount bigint,
  p_request_id text,
  p_ttl interval default '10 minutes'
)
returns public.credit_reservations
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_account public.credit_accounts;
  v_reservation public.credit_reservations;
  v_available bigint;
begin
  if p_amount is null or p_amount <= 0 then
    raise exception 'reservation amount must be positive' using errcode = '22023';
  end if;
  if p_request_id is null or char_length(p_request_id) not between 1 and 200 then
    raise exception 'request id must be 1 to 200 characters' using errcode = '22023';
  end if;
  if p_ttl is null or p_ttl <= interval '0' then
    raise exception 'ttl must be positive' using errcode = '22023';
  end if;

  v_account := private.lock_credit_account(p_user_id);

  select * into v_reservation from public.credit_reservations where request_id = p_request_id;
  if found then
    if v_reservation.user_id <> p_user_id then
      raise exception 'REQUEST_ID_IN_USE' using errcode = 'PT409';
    end if;
    return v_reservation;
  end if;

  v_available := (private.credit_balance_of(v_account)).available;
  if v_available < p_amount then
    raise exception 'INSUFFICIENT_CREDITS' using errcode = 'PT402',
      detail = json_build_object('available', v_available, 'required', p_amount)::text;
  end if;

  insert into public.credit_reservations (user_id, request_id, amount, expires_at)
  values (p_user_id, p_request_id, p_amount, now() + p_ttl)
  returning * into v_reservation;

  update public.credit_accounts
  set reserved_balance = reserved_balance + p_amount
  where user_id = p_user_id;

  return v_reservation;
end;
$$;
comment on function billing.reserve_credits(uuid, bigint, text, interval) is
  'Holds p_amount credits for request p_request_id, or raises PT402 INSUFFICIENT_CREDITS (detail: {"available","required"}). Frozen purchased credits do not count. Idempotent by request id.';

-- ---------------------------------------------------------------------------------------------
-- settle_reservation: charge the exact cost (capped by the reservation), release the rest.
-- ---------------------------------------------------------------------------------------------
create function billing.settle_reservation(
  p_request_id text,
  p_actual_cost bigint,
  p_details jsonb default '{}'::jsonb
)
returns billing.settlement
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user_id uuid;
  v_account public.credit_accounts;
  v_reservation public.credit_reservations;
  v_charge bigint;
  v_from_allowance bigint;
  v_from_purchased bigint;
  v_source jsonb;
begin
  if p_actual_cost is null or p_actual_cost < 0 then
    raise exception 'actual cost must be zero or more' using errcode = '22023';
  end if;

  select user_id into v_user_id from public.credit_reservations where request_id = p_request_id;
  if not found then
    raise exception 'RESERVATION_NOT_FOUND' using errcode = 'PT404';
  end if;
  v_account := private.lock_credit_account(v_user_id);
  select * into v_reservation from public.credit_reservations where request_id = p_request_id for update;

  if v_reservation.status = 'settled' then
    return private.settlement_of(v_reservation);
  end if;
  if v_reservation.status = 'released' then
    raise exception 'RESERVATION_RELEASED' using errcode = 'PT409',
      detail = 'a released reservation charges nothing; settle before releasing';
  end if;

  -- Never more than was reserved. An expired reservation (a stream that outlived its ttl) is
  -- still settled, but its hold is gone, so the balances alone bound the charge.
  v_charge := least(p_actual_cost, v_reservation.amount);
  -- The allowance pays first, if its period was running when the credits were reserved.
  v_from_allowance := case
    when v_account.allowance_period_end > v_reservation.created_at then least(v_charge, v_account.allowance_balance)
    else 0
  end;
  v_from_purchased := least(v_charge - v_from_allowance, v_account.purchased_balance);

  update public.credit_accounts
  set allowance_balance = allowance_balance - v_from_allowance,
      purchased_balance = purchased_balance - v_from_purchased,
      reserved_balance = reserved_balance - case when v_reservation.status = 'active' then v_reservation.amount else 0 end
  where user_id = v_user_id
  returning * into v_account;

  v_source := coalesce(p_details, '{}'::jsonb)
    || jsonb_build_object('reservation_id', v_reservation.id, 'actual_cost', p_actual_cost, 'reserved', v_reservation.amount);
  if v_from_allowance > 0 then
    insert into public.credit_ledger (user_id, kind, bucket, amount, balance_after, idempotency_key, request_id, source)
    values (v_user_id, 'usage', 'allowance', -v_from_allowance, v_account.allowance_balance,
            'usage:' || p_request_id || ':allowance', p_request_id, v_source);
  end if;
  if v_from_purchased > 0 then
    insert into public.credit_ledger (user_id, kind, bucket, amount, balance_after, idempotency_key, request_id, source)
    values (v_user_id, 'usage', 'purchased', -v_from_purchased, v_account.purchased_balance,
            'usage:' || p_request_id || ':purchased', p_request_id, v_source);
  end if;

  update public.credit_reservations
  set status = 'settled',
      finished_at = now(),
      actual_cost = p_actual_cost,
      charged_allowance = v_from_allowance,
      charged_purchased = v_from_purchased,
      shortfall = p_actual_cost - v_from_allowance - v_from_purchased,
      allowance_balance_after = v_account.allowance_balance,
      purchased_balance_after = v_account.purchased_balance,
      details = coalesce(p_details, '{}'::jsonb)
  where id = v_reservation.id
  returning * into v_reservation;

  return private.settlement_of(v_reservation);
end;
$$;
comment on function billing.settle_reservation(text, bigint, jsonb) is
  'Charges min(actual, reserved) — allowance first, then purchased — writes the usage ledger row(s) and releases the rest of the hold. Settling again returns the first result; settling a released reservation raises PT409.';

-- ---------------------------------------------------------------------------------------------
-- release_reservation: the call failed before producing anything; charge nothing.
-- ---------------------------------------------------------------------------------------------
create function billing.release_reservation(p_request_id text)
returns public.credit_reservations
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user_id uuid;
  v_reservation public.credit_reservations;
begin
  select user_id into v_user_id from public.credit_reservations where request_id = p_request_id;
  if not found then
    raise exception 'RESERVATION_NOT_FOUND' using errcode = 'PT404';
  end if;
  perform private.lock_credit_account(v_user_id);
  select * into v_reservation from public.credit_reservations where request_id = p_request_id for update;
  if v_reservation.status <> 'active' then
    return v_reservation;
  end if;

  update public.credit_accounts
  set reserved_balance = reserved_balance - v_reservation.amount
  where user_id = v_user_id;

  update public.credit_reservations
  set status = 'released', finished_at = now()
  where id = v_reservation.id
  returning * into v_reservation;
  return v_reservation;
end;
$$;
comment on function billing.release_reservation(text) is 'Drops an active hold without charging. Releasing a finished reservation returns it unchanged.';

-- ---------------------------------------------------------------------------------------------
-- expire_reservations: the sweeper. Releases holds past their ttl; returns how many.
-- ---------------------------------------------------------------------------------------------
create function billing.expire_reservations()
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

-- ---------------------------------------------------------------------------------------------
-- Privileges: service role only.
-- ---------------------------------------------------------------------------------------------
revoke execute on function
  billing.price_call(text, text, bigint, bigint, bigint, timestamptz),
  billing.get_balance(uuid),
  billing.grant_allowance(uuid, bigint, timestamptz, timestamptz, text, jsonb),
  billing.add_purchased_credits(uuid, bigint, text, jsonb),
  billing.claw_back_purchased(uuid, bigint, text, jsonb),
  billing.set_credits_frozen(uuid, boolean, text),
  billing.reserve_credits(uuid, bigint, text, interval),
  billing.settle_reservation(text, bigint, jsonb),
  billing.release_reservation(text),
  billing.expire_reservations()
from public, anon, authenticated;

grant execute on function
  billing.price_call(text, text, bigint, bigint, bigint, timestamptz),
  billing.get_balance(uuid),
  billing.grant_allowance(uuid, bigint, timestamptz, timestamptz, text, jsonb),
  billing.add_purchased_credits(uuid, bigint, text, jsonb),
  billing.claw_back_purchased(uuid, bigint, text, jsonb),
  billing.set_credits_frozen(uuid, boolean, text),
  billing.reserve_credits(uuid, bigint, text, interval),
  billing.settle_reservation(text, bigint, jsonb),
  billing.release_reservation(text),
  billing.expire_reservations()
to service_role;
