-- A refunded subscription payment takes back the allowance that payment granted (issue 19): the
-- money went back, so the credits it bought must not stay spendable. Like a pack claw-back, only
-- what is left can be taken; the spent part is recorded as the shortfall.

alter table public.credit_ledger drop constraint credit_ledger_check;
alter table public.credit_ledger add constraint credit_ledger_check check (
  case kind
    when 'allowance_grant' then bucket = 'allowance' and amount >= 0
    when 'allowance_expiry' then bucket = 'allowance' and amount <= 0
    when 'purchase' then bucket = 'purchased' and amount > 0
    when 'usage' then amount < 0
    when 'refund' then amount > 0
    when 'clawback' then amount <= 0
    else true
  end
);

create function billing.claw_back_allowance(
  p_user_id uuid,
  p_amount bigint,
  p_period_start timestamptz,
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

  -- Only the period the refunded payment granted: a lapsed allowance is gone already, and a
  -- newer period was paid for by another payment.
  v_taken := case
    when v_account.allowance_period_start = p_period_start then least(p_amount, v_account.allowance_balance)
    else 0
  end;

  update public.credit_accounts
  set allowance_balance = allowance_balance - v_taken
  where user_id = p_user_id
  returning * into v_account;

  insert into public.credit_ledger (user_id, kind, bucket, amount, balance_after, idempotency_key, source)
  values (
    p_user_id, 'clawback', 'allowance', -v_taken, v_account.allowance_balance, p_idempotency_key,
    coalesce(p_source, '{}'::jsonb) || jsonb_build_object('requested', p_amount, 'shortfall', p_amount - v_taken)
  )
  returning * into v_row;
  return v_row;
end;
$$;
comment on function billing.claw_back_allowance(uuid, bigint, timestamptz, text, jsonb) is
  'A refunded subscription payment: takes min(amount, allowance balance) from the allowance of the period it granted (nothing once that period is over); the rest is recorded as source.shortfall. Idempotent by key.';
revoke execute on function billing.claw_back_allowance(uuid, bigint, timestamptz, text, jsonb) from public, anon, authenticated;
grant execute on function billing.claw_back_allowance(uuid, bigint, timestamptz, text, jsonb) to service_role;
