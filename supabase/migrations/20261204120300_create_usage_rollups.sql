-- Usage rollups for the admin console (issue 17): credits and provider cost by day, provider,
-- model, feature and plan, and per user per month, maintained as usage is written, so that every
-- admin usage figure reads a few hundred rollup rows instead of scanning token_usage (1M+ rows).
--
-- Maintenance: a statement-level trigger on token_usage insert folds the new rows into both
-- rollups (one upsert per group, in the inserting transaction: the rollups are exactly the sum of
-- the committed usage rows, never ahead or behind). token_usage rows are never updated (the
-- gateway writes each once, `on conflict do nothing`); when a user is deleted their usage rows go
-- and so does their monthly rollup row (FK cascade), while the daily rollup keeps the anonymous
-- totals, like the ledger keeps amounts.
--
-- Provider cost is the list price of the tokens at the call's time, before the per-call ceil()
-- of billing.price_call: sum of (input*input_rate + output*output_rate + cached*cached_input_rate)
-- / 1e6 in credits (1,000,000 credits = US$1), exact as numeric. Credits are what was charged.
-- plan is the user's plan when the call was written.

create table public.usage_daily_rollups (
  day date not null,
  provider text not null,
  model text not null,
  feature text not null,
  plan text not null,
  requests bigint not null default 0 check (requests >= 0),
  input_tokens bigint not null default 0,
  output_tokens bigint not null default 0,
  cached_tokens bigint not null default 0,
  credits bigint not null default 0,
  cost_credits numeric not null default 0,
  primary key (day, provider, model, feature, plan)
);
comment on table public.usage_daily_rollups is
  'token_usage summed per UTC day, provider, model, feature and plan (maintained by a trigger on token_usage). Admins read it; nobody writes it directly.';
comment on column public.usage_daily_rollups.cost_credits is
  'Provider cost at list price in credits (1e6 = US$1), exact: sum of the un-rounded price of each call.';

create table public.usage_user_monthly_rollups (
  month date not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  requests bigint not null default 0 check (requests >= 0),
  credits bigint not null default 0,
  cost_credits numeric not null default 0,
  primary key (month, user_id)
);
comment on table public.usage_user_monthly_rollups is
  'token_usage summed per user and UTC month (maintained by a trigger on token_usage): the admin console''s top users. Admins read it.';

create index usage_user_monthly_rollups_user_id_idx on public.usage_user_monthly_rollups (user_id);
-- Top users of a month: the highest credits first.
create index usage_user_monthly_rollups_month_credits_idx on public.usage_user_monthly_rollups (month, credits desc);

-- Revenue figures read Stripe events of a type over a time range.
create index stripe_events_type_stripe_created_at_idx on public.stripe_events (type, stripe_created_at);

alter table public.usage_daily_rollups enable row level security;
alter table public.usage_user_monthly_rollups enable row level security;
revoke all on table public.usage_daily_rollups, public.usage_user_monthly_rollups from anon, authenticated, service_role;
grant select on table public.usage_daily_rollups, public.usage_user_monthly_rollups to authenticated, service_role;

create policy "Admins can read the daily usage rollup"
  on public.usage_daily_rollups for select to authenticated
  using ((select private.is_admin()));

create policy "Admins can read the monthly usage rollup per user"
  on public.usage_user_monthly_rollups for select to authenticated
  using ((select private.is_admin()));

-- The two upserts that fold a set of usage rows (p_source: a relation with token_usage's columns)
-- into the rollups. Built as text because the trigger's transition table is visible only to
-- statements run by the trigger function itself, and the rebuild runs the same text over
-- token_usage: one definition of the arithmetic for both.
create function private.usage_fold_statements(p_source text)
returns text[]
language sql
immutable
set search_path = ''
as $$
  select array[
    format($f$
      insert into public.usage_daily_rollups as r
        (day, provider, model, feature, plan, requests, input_tokens, output_tokens, cached_tokens, credits, cost_credits)
      select (n.created_at at time zone 'utc')::date, n.provider, n.model, n.feature, coalesce(p.plan, 'free'),
             count(*), sum(n.input_tokens), sum(n.output_tokens), sum(n.cached_tokens), sum(n.credits_charged),
             coalesce(sum(%2$s), 0)
      from %1$s n
      left join public.profiles p on p.id = n.user_id
      %3$s
      group by 1, 2, 3, 4, 5
      -- A stable order: concurrent inserts lock the rollup rows in the same order (no deadlock).
      order by 1, 2, 3, 4, 5
      on conflict (day, provider, model, feature, plan) do update
      set requests = r.requests + excluded.requests,
          input_tokens = r.input_tokens + excluded.input_tokens,
          output_tokens = r.output_tokens + excluded.output_tokens,
          cached_tokens = r.cached_tokens + excluded.cached_tokens,
          credits = r.credits + excluded.credits,
          cost_credits = r.cost_credits + excluded.cost_credits
    $f$, p_source, cost, price),
    format($f$
      insert into public.usage_user_monthly_rollups as r (month, user_id, requests, credits, cost_credits)
      select date_trunc('month', n.created_at at time zone 'utc')::date, n.user_id, count(*), sum(n.credits_charged),
             coalesce(sum(%2$s), 0)
      from %1$s n
      %3$s
      group by 1, 2
      order by 1, 2
      on conflict (month, user_id) do update
      set requests = r.requests + excluded.requests,
          credits = r.credits + excluded.credits,
          cost_credits = r.cost_credits + excluded.cost_credits
    $f$, p_source, cost, price)
  ]
  from (select
    -- List price of one call, un-rounded, in credits.
    '(n.input_tokens::numeric * m.input_rate + n.output_tokens::numeric * m.output_rate + n.cached_tokens::numeric * m.cached_input_rate) / 1000000' as cost,
    -- The price effective when the call was written (as billing.price_call picks it).
    'left join lateral (
        select mp.input_rate, mp.output_rate, mp.cached_input_rate
        from public.model_pricing mp
        where mp.provider = n.provider and mp.model = n.model and mp.effective_from <= n.created_at
          and (mp.effective_to is null or mp.effective_to > n.created_at)
        order by mp.effective_from desc
        limit 1
      ) m on true' as price) parts;
$$;
comment on function private.usage_fold_statements(text) is
  'The upserts that add the usage rows of a relation to usage_daily_rollups and usage_user_monthly_rollups (used by the token_usage trigger and private.rebuild_usage_rollups).';
revoke execute on function private.usage_fold_statements(text) from public, anon, authenticated, service_role;

create function private.fold_usage_into_rollups()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_statement text;
begin
  foreach v_statement in array private.usage_fold_statements('new_usage') loop
    execute v_statement;
  end loop;
  return null;
end;
$$;
comment on function private.fold_usage_into_rollups() is
  'Trigger (statement level, transition table new_usage): adds the inserted token_usage rows to both usage rollups.';
revoke execute on function private.fold_usage_into_rollups() from public, anon, authenticated, service_role;

create trigger token_usage_fold_into_rollups
  after insert on public.token_usage
  referencing new table as new_usage
  for each statement execute function private.fold_usage_into_rollups();

-- Rebuilds both rollups from token_usage: the backfill below, and bench/db after its trigger-less load.
create function private.rebuild_usage_rollups()
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_statement text;
begin
  lock table public.token_usage in share mode;
  delete from public.usage_daily_rollups;
  delete from public.usage_user_monthly_rollups;
  foreach v_statement in array private.usage_fold_statements('public.token_usage') loop
    execute v_statement;
  end loop;
end;
$$;
comment on function private.rebuild_usage_rollups() is
  'Recomputes both usage rollups from token_usage (backfill; after a bulk load with triggers off).';
revoke execute on function private.rebuild_usage_rollups() from public, anon, authenticated, service_role;

-- Usage written before this migration.
select private.rebuild_usage_rollups();
