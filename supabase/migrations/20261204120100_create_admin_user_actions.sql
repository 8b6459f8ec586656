-- Admin actions on a user (issue 17): suspension and credit adjustments.
--
-- Suspension lives on profiles (the row every function's auth stage can read by primary key):
-- suspended_at set means every /api call answers 403 (netlify/lib/auth/require-active-account.ts)
-- and the user's sessions are ended through the Auth admin API. Users may read their own flag
-- (the existing select policy), never write it (profiles has no user write grant).
--
-- Credit adjustments move money, so they are a billing function like every other credit movement:
-- the ledger row (kind 'adjustment', purchased bucket: granted credits never lapse), the balance
-- change and the audit_logs row with before/after, in one transaction, idempotent by key.

alter table public.profiles
  add column suspended_at timestamptz,
  add column suspended_reason text check (char_length(suspended_reason) <= 500);
comment on column public.profiles.suspended_at is
  'Set by an admin: while not null every API call of the user answers 403 and their sessions are ended. Written by the service role only.';
comment on column public.profiles.suspended_reason is 'Why the account was suspended (shown to admins).';

-- The admin user list filters suspended accounts.
create index profiles_suspended_at_idx on public.profiles (suspended_at) where suspended_at is not null;

-- ---------------------------------------------------------------------------------------------
-- adjust_credits: an admin grants (amount > 0) or claws back (amount < 0) purchased credits.
-- ---------------------------------------------------------------------------------------------
create function billing.adjust_credits(
  p_admin_id uuid,
  p_user_id uuid,
  p_amount bigint,
  p_idempotency_key text,
  p_reason text,
  p_request_id text default null
)
returns public.credit_ledger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_account public.credit_accounts;
  v_before public.credit_accounts;
  v_row public.credit_ledger;
begin
  perform private.require_idempotency_key(p_idempotency_key);
  if p_amount is null or p_amount = 0 or abs(p_amount) > 1000000000000 then
    raise exception 'adjustment must be a non-zero number of credits up to 10^12' using errcode = '22023';
  end if;
  if p_reason is null or char_length(trim(p_reason)) not between 3 and 500 then
    raise exception 'a reason of 3 to 500 characters is required' using errcode = '22023';
  end if;
  -- Defence in depth: the function checks the admin too, not only the HTTP layer.
  if not exists (select 1 from public.profiles where id = p_admin_id and role = 'admin') then
    raise exception 'only an admin may adjust credits' using errcode = '42501';
  end if;

  v_before := private.lock_credit_account(p_user_id);

  select * into v_row from public.credit_ledger where idempotency_key = p_idempotency_key;
  if found then
    -- The same key for a different adjustment is a client bug, not a retry.
    if v_row.user_id is distinct from p_user_id or v_row.amount <> p_amount then
      raise exception 'this idempotency key was used for a different adjustment' using errcode = 'PT409';
    end if;
    return v_row;
  end if;

  if p_amount < 0 and v_before.purchased_balance < -p_amount then
    raise exception 'cannot claw back % credits: the purchased balance is %', -p_amount, v_before.purchased_balance
      using errcode = 'PT409';
  end if;

  update public.credit_accounts
  set purchased_balance = purchased_balance + p_amount
  where user_id = p_user_id
  returning * into v_account;

  insert into public.credit_ledger (user_id, kind, bucket, amount, balance_after, idempotency_key, request_id, source)
  values (
    p_user_id, 'adjustment', 'purchased', p_amount, v_account.purchased_balance, p_idempotency_key, p_request_id,
    jsonb_build_object('reason', trim(p_reason), 'admin_id', p_admin_id)
  )
  returning * into v_row;

  insert into public.audit_logs (actor_id, action, target_type, target_id, request_id, metadata)
  values (
    p_admin_id,
    case when p_amount > 0 then 'admin.credits_grant' else 'admin.credits_claw_back' end,
    'user', p_user_id::text, p_request_id,
    jsonb_build_object(
      'reason', trim(p_reason), 'amount', p_amount, 'ledger_id', v_row.id,
      'before', jsonb_build_object('purchased_balance', v_before.purchased_balance),
      'after', jsonb_build_object('purchased_balance', v_account.purchased_balance)
    )
  );
  return v_row;
end;
$$;
comment on function billing.adjust_credits(uuid, uuid, bigint, text, text, text) is
  'Admin grant (>0) or claw-back (<0) of purchased credits with a reason: one adjustment ledger row and one audit_logs row (before/after). Idempotent by key; refuses a claw-back larger than the purchased balance (PT409).';
revoke execute on function billing.adjust_credits(uuid, uuid, bigint, text, text, text) from public, anon, authenticated;
grant execute on function billing.adjust_credits(uuid, uuid, bigint, text, text, text) to service_role;
