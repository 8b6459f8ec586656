-- Billing catalog: what can be bought and what a model call costs (DESIGN.md §5).
--
-- plans / plan_prices / token_packs hold the products; Stripe holds the prices, these tables hold
-- the Stripe Price IDs so Checkout is always created from an ID (never inline price_data).
-- model_pricing is effective-dated so a price change never rewrites history: a call is priced with
-- the row effective at call time (billing.price_call). All four are public reference data: anyone
-- may read them (the pricing page is public); only the service role writes them.

-- ---------------------------------------------------------------------------------------------
-- plans
-- ---------------------------------------------------------------------------------------------
create table public.plans (
  id text primary key check (id ~ '^[a-z][a-z0-9_]*$'),
  name text not null,
  description text not null default '',
  monthly_credits bigint not null check (monthly_credits >= 0),
  features text[] not null default '{}',
  position integer not null default 0,
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.plans is
  'Subscription plans (free, pro, max) and the monthly credit allowance each grants. Prices are in plan_prices.';
comment on column public.plans.monthly_credits is 'Allowance granted every month (yearly plans too), 1,000,000 credits = US$1.';

create trigger plans_set_updated_at
  before update on public.plans
  for each row execute function private.set_updated_at();

alter table public.plans enable row level security;
revoke all on table public.plans from anon, authenticated;
grant select on table public.plans to anon, authenticated;
grant select, insert, update, delete on table public.plans to service_role;

create policy "Anyone can read active plans"
  on public.plans for select to anon, authenticated
  using (is_active);

-- The signup trigger gives every new user the free plan, so it must exist before any seed runs.
-- seed.sql refreshes its description and adds the paid plans.
insert into public.plans (id, name, monthly_credits, position)
values ('free', 'Free', 1000000, 0)
on conflict (id) do nothing;

alter table public.profiles
  add constraint profiles_plan_fkey foreign key (plan) references public.plans (id)
  on update cascade on delete restrict;

-- ---------------------------------------------------------------------------------------------
-- plan_prices: one Stripe Price per plan and billing interval.
-- ---------------------------------------------------------------------------------------------
create table public.plan_prices (
  id uuid primary key default gen_random_uuid(),
  plan_id text not null references public.plans (id) on delete cascade,
  interval text not null check (interval in ('month', 'year')),
  stripe_price_id text not null unique,
  amount_cents integer not null check (amount_cents >= 0),
  currency text not null default 'usd' check (currency ~ '^[a-z]{3}$'),
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  unique (plan_id, interval)
);
comment on table public.plan_prices is
  'Stripe Price ID per plan and interval. Seeded with placeholders (price_pro_monthly...) that the local Stripe stand-in uses; real deployments update them.';

create index plan_prices_plan_id_idx on public.plan_prices (plan_id);

alter table public.plan_prices enable row level security;
revoke all on table public.plan_prices from anon, authenticated;
grant select on table public.plan_prices to anon, authenticated;
grant select, insert, update, delete on table public.plan_prices to service_role;

create policy "Anyone can read active plan prices"
  on public.plan_prices for select to anon, authenticated
  using (is_active);

-- ---------------------------------------------------------------------------------------------
-- token_packs: one-off credit purchases (credits never expire).
-- ---------------------------------------------------------------------------------------------
create table public.token_packs (
  id text primary key check (id ~ '^pack_[a-z0-9_]+$'),
  name text not null,
  credits bigint not null check (credits > 0),
  price_cents integer not null check (price_cents > 0),
  currency text not null default 'usd' check (currency ~ '^[a-z]{3}$'),
  stripe_price_id text not null unique,
  position integer not null default 0,
  is_active boolean not null default true,
  created_at timestamptz not null default now()
);
comment on table public.token_packs is
  'Token packs sold through one-off Checkout; the Stripe webhook credits `credits` to the purchased bucket.';

alter table public.token_packs enable row level security;
revoke all on table public.token_packs from anon, authenticated;
grant select on table public.token_packs to anon, authenticated;
grant select, insert, update, delete on table public.token_packs to service_role;

create policy "Anyone can read active token packs"
  on public.token_packs for select to anon, authenticated
  using (is_active);

-- ---------------------------------------------------------------------------------------------
-- model_pricing: effective-dated list prices; also the list of models the gateway allows.
-- ---------------------------------------------------------------------------------------------
create table public.model_pricing (
  id uuid primary key default gen_random_uuid(),
  provider text not null check (provider in ('openai', 'anthropic', 'google', 'perplexity')),
  model text not null check (char_length(model) between 1 and 100),
  display_name text not null default '',
  input_rate bigint not null check (input_rate >= 0),
  output_rate bigint not null check (output_rate >= 0),
  cached_input_rate bigint not null check (cached_input_rate >= 0),
  context_window integer check (context_window > 0),
  effective_from timestamptz not null default now(),
  effective_to timestamptz,
  created_at timestamptz not null default now(),
  check (effective_to is null or effective_to > effective_from),
  unique (provider, model, effective_from)
);
comment on table public.model_pricing is
  'Credits per 1M tokens (= USD per 1M tokens x 1e6) for each allowed model, effective over [effective_from, effective_to). A model without a row effective now is not callable.';
comment on column public.model_pricing.cached_input_rate is 'Rate for prompt tokens served from the provider cache (cache reads).';

-- Price lookup at call time: provider + model, latest effective_from first.
create index model_pricing_provider_model_effective_from_idx
  on public.model_pricing (provider, model, effective_from desc);

-- Two rows for the same model must never be effective at the same instant, or a call's price
-- would depend on which row the planner finds first.
create or replace function private.check_model_pricing_overlap()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if exists (
    select 1 from public.model_pricing m
    where m.provider = new.provider
      and m.model = new.model
      and m.id <> new.id
      -- Same start: the unique constraint decides (and lets `on conflict` upserts through).
      and m.effective_from <> new.effective_from
      and tstzrange(m.effective_from, m.effective_to) && tstzrange(new.effective_from, new.effective_to)
  ) then
    raise exception 'model_pricing for %/% overlaps an existing effective period', new.provider, new.model
      using errcode = '23P01';
  end if;
  return new;
end;
$$;
comment on function private.check_model_pricing_overlap() is 'Trigger: refuses overlapping effective periods for one model.';
revoke execute on function private.check_model_pricing_overlap() from public, anon, authenticated;

create trigger model_pricing_no_overlap
  before insert or update on public.model_pricing
  for each row execute function private.check_model_pricing_overlap();

alter table public.model_pricing enable row level security;
revoke all on table public.model_pricing from anon, authenticated;
grant select on table public.model_pricing to anon, authenticated;
grant select, insert, update, delete on table public.model_pricing to service_role;

create policy "Anyone can read model pricing"
  on public.model_pricing for select to anon, authenticated
  using (true);
