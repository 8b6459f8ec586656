-- Users: the three per-user tables of DESIGN.md §4 and the private helpers every later migration uses.
--
-- Why three tables: `profiles` carries privilege columns (plan, plan_status, role) that only the
-- service role may change, so users get no write grant on it at all; `user_profiles` and
-- `user_settings` are the user's own data, writable through column grants that name exactly the
-- columns a user may change. All three are created by the auth.users trigger
-- (20261121005000_create_signup_trigger.sql) and go away with the auth user (on delete cascade).
--
-- Grants: the Supabase bootstrap grants ALL on every new public table to anon and authenticated,
-- so every table here starts with `revoke all` and then grants exactly what RLS is meant to guard.

-- Private schema for helpers: not exposed through the API, so nothing here is callable over REST.
create schema if not exists private;
comment on schema private is 'Helpers for policies and triggers; never exposed through the Data API.';
revoke all on schema private from public;
-- Policies run as the querying role, so signed-in users need usage to call policy helpers in
-- here (anon's policies call none).
grant usage on schema private to authenticated, service_role;

-- Keeps updated_at honest without trusting the client clock.
create or replace function private.set_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;
comment on function private.set_updated_at() is 'Trigger: stamps updated_at on every update.';
revoke execute on function private.set_updated_at() from public, anon, authenticated;

-- ---------------------------------------------------------------------------------------------
-- profiles: account-level facts the user may read but never write (plan, status, role).
-- ---------------------------------------------------------------------------------------------
create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  -- FK to public.plans is added by the billing catalog migration, which creates that table.
  plan text not null default 'free',
  plan_status text not null default 'active'
    check (plan_status in ('active', 'trialing', 'past_due', 'canceled', 'incomplete', 'unpaid')),
  role text not null default 'member' check (role in ('member', 'admin')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.profiles is
  'One row per auth user: plan, plan status and role. Written only by the service role (Stripe webhook, admins); users read their own row.';
comment on column public.profiles.role is 'member | admin. Admins can read operational tables through policies that call private.is_admin().';

create index profiles_plan_idx on public.profiles (plan);

create trigger profiles_set_updated_at
  before update on public.profiles
  for each row execute function private.set_updated_at();

alter table public.profiles enable row level security;
revoke all on table public.profiles from anon, authenticated;
grant select on table public.profiles to authenticated;
grant select, insert, update, delete on table public.profiles to service_role;

-- Whether the caller is an admin. Security definer so it can read profiles without recursing
-- through profiles' own policies; stable and argument-free so `(select private.is_admin())`
-- is evaluated once per statement.
create or replace function private.is_admin()
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.profiles p
    where p.id = (select auth.uid()) and p.role = 'admin'
  );
$$;
comment on function private.is_admin() is 'True when the JWT subject has profiles.role = admin. For policies only.';
revoke execute on function private.is_admin() from public, anon;
grant execute on function private.is_admin() to authenticated, service_role;

create policy "Users can read their own profile"
  on public.profiles for select to authenticated
  using (id = (select auth.uid()));

create policy "Admins can read every profile"
  on public.profiles for select to authenticated
  using ((select private.is_admin()));

-- ---------------------------------------------------------------------------------------------
-- user_profiles: public-facing identity the user edits (shown as review author, in the app shell).
-- ---------------------------------------------------------------------------------------------
create table public.user_profiles (
  user_id uuid primary key references auth.users (id) on delete cascade,
  display_name text check (char_length(display_name) <= 80),
  avatar_url text check (char_length(avatar_url) <= 2048),
  bio text check (char_length(bio) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.user_profiles is
  'Display name, avatar and bio. Created by the signup trigger; the user updates the three content columns.';

create trigger user_profiles_set_updated_at
  before update on public.user_profiles
  for each row execute function private.set_updated_at();

alter table public.user_profiles enable row level security;
revoke all on table public.user_profiles from anon, authenticated;
grant select on table public.user_profiles to authenticated;
grant update (display_name, avatar_url, bio) on table public.user_profiles to authenticated;
grant select, insert, update, delete on table public.user_profiles to service_role;

create policy "Users can read their own user profile"
  on public.user_profiles for select to authenticated
  using (user_id = (select auth.uid()));

create policy "Users can update their own user profile"
  on public.user_profiles for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));

-- ---------------------------------------------------------------------------------------------
-- user_settings: AI defaults and notification preferences.
-- ---------------------------------------------------------------------------------------------
create table public.user_settings (
  user_id uuid primary key references auth.users (id) on delete cascade,
  default_provider text not null default 'openai'
    check (default_provider in ('openai', 'anthropic', 'google', 'perplexity')),
  default_model text not null default 'gpt-4o-mini' check (char_length(default_model) <= 100),
  temperature numeric(3, 2) not null default 0.7 check (temperature between 0 and 2),
  streaming boolean not null default true,
  notify_usage_email boolean not null default true,
  notify_product_email boolean not null default false,
  notify_in_app boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.user_settings is
  'Per-user AI defaults (provider, model, temperature, streaming) and notification preferences.';
comment on column public.user_settings.default_model is
  'Not a foreign key: pricing rows are effective-dated; the LLM gateway refuses a model without a current price.';

create trigger user_settings_set_updated_at
  before update on public.user_settings
  for each row execute function private.set_updated_at();

alter table public.user_settings enable row level security;
revoke all on table public.user_settings from anon, authenticated;
grant select on table public.user_settings to authenticated;
grant update (default_provider, default_model, temperature, streaming, notify_usage_email, notify_product_email, notify_in_app)
  on table public.user_settings to authenticated;
grant select, insert, update, delete on table public.user_settings to service_role;

create policy "Users can read their own settings"
  on public.user_settings for select to authenticated
  using (user_id = (select auth.uid()));

create policy "Users can update their own settings"
  on public.user_settings for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));
