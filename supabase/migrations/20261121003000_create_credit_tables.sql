-- Credits: the per-user account, the append-only ledger and the reservations (DESIGN.md §5).
--
-- Balances live in two buckets on credit_accounts: the monthly allowance (spent first, lapses at
-- period end) and purchased credits (never expire). reserved_balance is the sum of the account's
-- active reservations, kept in step by the billing.* functions under the account row lock, so
-- "available" is one row read: allowance (while its period runs) + purchased (unless frozen)
-- - reserved.
--
-- Nobody writes these tables directly, not even the service role: every change goes through the
-- security definer functions of 20261121004000_create_money_functions.sql, which write the ledger
-- row and the balance change in one transaction. Users may read their own rows.
--
-- Deleting a user deletes the account and its reservations, but the ledger is accounting
-- history: its user_id is set null (anonymised) and the amounts stay.

-- ---------------------------------------------------------------------------------------------
-- credit_accounts
-- ---------------------------------------------------------------------------------------------
create table public.credit_accounts (
  user_id uuid primary key references auth.users (id) on delete cascade,
  allowance_balance bigint not null default 0 check (allowance_balance >= 0),
  allowance_period_start timestamptz,
  allowance_period_end timestamptz,
  purchased_balance bigint not null default 0 check (purchased_balance >= 0),
  reserved_balance bigint not null default 0 check (reserved_balance >= 0),
  frozen boolean not null default false,
  frozen_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (allowance_period_end is null or allowance_period_end > allowance_period_start)
);
comment on table public.credit_accounts is
  'One credit account per user: allowance and purchased buckets, the sum of active reservations, and the dispute freeze. Written only by billing.* functions.';
comment on column public.credit_accounts.reserved_balance is 'Sum of amount over this account''s active credit_reservations.';
comment on column public.credit_accounts.frozen is 'Set during a Stripe dispute: purchased credits do not count as available while frozen.';

create trigger credit_accounts_set_updated_at
  before update on public.credit_accounts
  for each row execute function private.set_updated_at();

alter table public.credit_accounts enable row level security;
revoke all on table public.credit_accounts from anon, authenticated;
grant select on table public.credit_accounts to authenticated;
-- The service role reads balances; it changes them only through billing.* functions.
revoke all on table public.credit_accounts from service_role;
grant select on table public.credit_accounts to service_role;

create policy "Users can read their own credit account"
  on public.credit_accounts for select to authenticated
  using (user_id = (select auth.uid()));

-- What the SPA shows: the same arithmetic as billing.get_balance, under the caller's RLS.
create view public.credit_balances
with (security_invoker = true)
as
select
  a.user_id,
  case when a.allowance_period_end > now() then a.allowance_balance else 0 end as allowance_balance,
  a.allowance_period_start,
  a.allowance_period_end,
  a.purchased_balance,
  a.reserved_balance,
  a.frozen,
  greatest(
    0,
    case when a.allowance_period_end > now() then a.allowance_balance else 0 end
      + case when a.frozen then 0 else a.purchased_balance end
      - a.reserved_balance
  ) as available
from public.credit_accounts a;
comment on view public.credit_balances is 'The caller''s spendable balance (security invoker: RLS of credit_accounts applies).';
revoke all on table public.credit_balances from anon, authenticated;
grant select on table public.credit_balances to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- credit_ledger: append-only; every balance change has exactly one row per bucket touched.
-- ---------------------------------------------------------------------------------------------
create table public.credit_ledger (
  id uuid primary key default gen_random_uuid(),
  user_id uuid references public.credit_accounts (user_id) on delete set null,
  kind text not null
    check (kind in ('allowance_grant', 'allowance_expiry', 'purchase', 'usage', 'refund', 'clawback', 'adjustment')),
  bucket text not null check (bucket in ('allowance', 'purchased')),
  amount bigint not null,
  balance_after bigint not null check (balance_after >= 0),
  idempotency_key text not null unique check (char_length(idempotency_key) between 1 and 300),
  request_id text,
  source jsonb not null default '{}'::jsonb check (jsonb_typeof(source) = 'object'),
  created_at timestamptz not null default now(),
  -- Each kind moves money one way only, and only in its bucket.
  check (
    case kind
      when 'allowance_grant' then bucket = 'allowance' and amount >= 0
      when 'allowance_expiry' then bucket = 'allowance' and amount <= 0
      when 'purchase' then bucket = 'purchased' and amount > 0
      when 'usage' then amount < 0
      when 'refund' then amount > 0
      when 'clawback' then bucket = 'purchased' and amount <= 0
      else true
    end
  )
);
comment on table public.credit_ledger is
  'Append-only credit ledger. Per account and bucket, sum(amount) equals the balance. Kept after account deletion with user_id set null.';
comment on column public.credit_ledger.amount is 'Signed credits: positive adds to the bucket, negative takes from it.';
comment on column public.credit_ledger.source is 'Where the movement came from: Stripe ids, request id, pricing details, shortfall of a claw-back.';

create index credit_ledger_user_id_created_at_idx on public.credit_ledger (user_id, created_at desc, id desc);
create index credit_ledger_request_id_idx on public.credit_ledger (request_id) where request_id is not null;
-- charge.refunded finds the pack purchase by its payment intent.
create index credit_ledger_payment_intent_idx on public.credit_ledger ((source ->> 'payment_intent'))
  where kind = 'purchase';

-- Refuses every update and delete, except the one update the FK makes when the account is
-- deleted: user_id becoming null with every other column unchanged.
create or replace function private.keep_credit_ledger_append_only()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' then
    if old.user_id is not null
       and new.user_id is null
       and (to_jsonb(new) - 'user_id') = (to_jsonb(old) - 'user_id') then
      return new;
    end if;
  end if;
  raise exception 'credit_ledger is append-only (% refused)', lower(tg_op)
    using errcode = '42501';
end;
$$;
comment on function private.keep_credit_ledger_append_only() is
  'Trigger: the ledger is append-only; only the anonymising ON DELETE SET NULL may touch an existing row.';
revoke execute on function private.keep_credit_ledger_append_only() from public, anon, authenticated;

create trigger credit_ledger_append_only
  before update or delete on public.credit_ledger
  for each row execute function private.keep_credit_ledger_append_only();

create trigger credit_ledger_no_truncate
  before truncate on public.credit_ledger
  for each statement execute function private.keep_credit_ledger_append_only();

alter table public.credit_ledger enable row level security;
revoke all on table public.credit_ledger from anon, authenticated, service_role;
grant select on table public.credit_ledger to authenticated, service_role;

create policy "Users can read their own ledger"
  on public.credit_ledger for select to authenticated
  using (user_id = (select auth.uid()));

-- ---------------------------------------------------------------------------------------------
-- credit_reservations: credits held for an in-flight model call, settled or released after it.
-- ---------------------------------------------------------------------------------------------
create table public.credit_reservations (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references public.credit_accounts (user_id) on delete cascade,
  request_id text not null unique check (char_length(request_id) between 1 and 200),
  amount bigint not null check (amount > 0),
  status text not null default 'active' check (status in ('active', 'settled', 'released', 'expired')),
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  actual_cost bigint check (actual_cost >= 0),
  charged_allowance bigint check (charged_allowance >= 0),
  charged_purchased bigint check (charged_purchased >= 0),
  shortfall bigint check (shortfall >= 0),
  allowance_balance_after bigint,
  purchased_balance_after bigint,
  details jsonb not null default '{}'::jsonb,
  check ((status = 'active') = (finished_at is null))
);
comment on table public.credit_reservations is
  'Credits held before a provider call (maximum cost), then settled at the exact cost, released, or expired by the sweeper. The settlement is recorded on the row so settling twice returns the first result.';
comment on column public.credit_reservations.shortfall is
  'Cost that could not be charged (above the reservation, or balance taken meanwhile by a claw-back). Never charged later.';

create index credit_reservations_user_id_idx on public.credit_reservations (user_id);
-- The sweeper's scan: only active rows, oldest expiry first.
create index credit_reservations_active_expires_at_idx on public.credit_reservations (expires_at)
  where status = 'active';

alter table public.credit_reservations enable row level security;
revoke all on table public.credit_reservations from anon, authenticated, service_role;
grant select on table public.credit_reservations to authenticated, service_role;

create policy "Users can read their own reservations"
  on public.credit_reservations for select to authenticated
  using (user_id = (select auth.uid()));
