-- Marketplace: the AI employee catalog, its immutable prompt versions, hires, analytics, reviews.
--
-- The audit of the previous implementation found three faults this design removes:
-- * prompts were readable by anyone: system prompts now live only in ai_employee_versions, which
--   anon and authenticated cannot read at all; the SPA reads the prompt-free views below;
-- * editing an employee silently changed every hire: versions are immutable (a trigger refuses
--   updates), and each hire pins one version until its owner asks for an upgrade;
-- * hires pointed at employees by free text: purchased_employees has real foreign keys, and a
--   composite one guarantees the pinned version belongs to the hired employee.
--
-- The catalog views are owned by the migration role and run with its rights (security_invoker
-- off) on purpose: they are the only window onto version metadata (number, changelog, model),
-- and they filter to published employees and never select system_prompt or tools.

-- ---------------------------------------------------------------------------------------------
-- ai_employees: catalog entries (public fields only).
-- ---------------------------------------------------------------------------------------------
create table public.ai_employees (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name text not null check (char_length(name) between 1 and 80),
  role text not null check (char_length(role) between 1 and 120),
  category text not null check (category ~ '^[a-z]+(-[a-z]+)*$'),
  description text not null,
  skills text[] not null default '{}',
  default_provider text not null check (default_provider in ('openai', 'anthropic', 'google', 'perplexity')),
  default_model text not null,
  avatar_url text,
  published boolean not null default false,
  -- Set by the trigger on ai_employee_versions; the FK is added once that table exists.
  latest_version_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.ai_employees is
  'Catalog of AI employees: public fields only (the prompt is in ai_employee_versions). Anyone reads published rows; the service role writes.';

-- Marketplace filters by category among published employees.
create index ai_employees_category_idx on public.ai_employees (category) where published;
create index ai_employees_latest_version_id_idx on public.ai_employees (latest_version_id);

create trigger ai_employees_set_updated_at
  before update on public.ai_employees
  for each row execute function private.set_updated_at();

alter table public.ai_employees enable row level security;
revoke all on table public.ai_employees from anon, authenticated;
grant select on table public.ai_employees to anon, authenticated;
grant select, insert, update, delete on table public.ai_employees to service_role;

create policy "Anyone can read published AI employees"
  on public.ai_employees for select to anon, authenticated
  using (published);

-- ---------------------------------------------------------------------------------------------
-- ai_employee_versions: immutable prompt + model + tools. Never readable by API users.
-- ---------------------------------------------------------------------------------------------
create table public.ai_employee_versions (
  id uuid primary key default gen_random_uuid(),
  employee_id uuid not null references public.ai_employees (id) on delete cascade,
  version integer not null check (version > 0),
  system_prompt text not null check (char_length(system_prompt) > 0),
  provider text not null check (provider in ('openai', 'anthropic', 'google', 'perplexity')),
  model text not null,
  tools jsonb not null default '[]'::jsonb check (jsonb_typeof(tools) = 'array'),
  changelog text not null default '',
  created_at timestamptz not null default now(),
  unique (employee_id, version),
  -- Target of purchased_employees' composite FK (a hire's version belongs to its employee).
  unique (employee_id, id)
);
comment on table public.ai_employee_versions is
  'Immutable versions of an employee (system prompt, model, tools, changelog). Private: RLS on with no policy and no grants to anon/authenticated, so prompts never reach the SPA; the server reads them with the service role.';

-- employee_id: the unique (employee_id, version) index covers the FK.

create or replace function private.refuse_version_update()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  raise exception 'ai_employee_versions are immutable: insert a new version instead'
    using errcode = '42501';
end;
$$;
comment on function private.refuse_version_update() is 'Trigger: employee versions are immutable.';
revoke execute on function private.refuse_version_update() from public, anon, authenticated;

create trigger ai_employee_versions_immutable
  before update on public.ai_employee_versions
  for each row execute function private.refuse_version_update();

-- A new version becomes the employee's latest when its number is the highest.
create or replace function private.set_latest_employee_version()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.ai_employees e
  set latest_version_id = new.id
  where e.id = new.employee_id
    and (
      e.latest_version_id is null
      or new.version > (select v.version from public.ai_employee_versions v where v.id = e.latest_version_id)
    );
  return null;
end;
$$;
comment on function private.set_latest_employee_version() is 'Trigger: points ai_employees.latest_version_id at the highest version.';
revoke execute on function private.set_latest_employee_version() from public, anon, authenticated;

create trigger ai_employee_versions_set_latest
  after insert on public.ai_employee_versions
  for each row execute function private.set_latest_employee_version();

alter table public.ai_employees
  add constraint ai_employees_latest_version_id_fkey foreign key (latest_version_id)
  references public.ai_employee_versions (id) on delete set null;

alter table public.ai_employee_versions enable row level security;
revoke all on table public.ai_employee_versions from anon, authenticated;
grant select, insert, delete on table public.ai_employee_versions to service_role;
-- No policies on purpose: prompts are read only by the server (service role bypasses RLS).

-- ---------------------------------------------------------------------------------------------
-- purchased_employees: a user's hire of an employee, pinned to one version.
-- ---------------------------------------------------------------------------------------------
create table public.purchased_employees (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  employee_id uuid not null references public.ai_employees (id) on delete restrict,
  -- Filled with the employee's latest version on insert (trigger); moved only forward.
  employee_version_id uuid not null,
  is_active boolean not null default true,
  hired_at timestamptz not null default now(),
  version_pinned_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (user_id, employee_id),
  foreign key (employee_id, employee_version_id)
    references public.ai_employee_versions (employee_id, id) on delete restrict
);
comment on table public.purchased_employees is
  'Hires: one per user and employee, pinned to an immutable version. Users hire (hire_employee), deactivate, upgrade (upgrade_hire) and fire; the pinned version always belongs to the employee (composite FK).';
comment on column public.purchased_employees.employee_version_id is
  'Pinned version. Set to the latest on hire; changes only by upgrade (never to an older version).';

-- user_id: the unique (user_id, employee_id) index covers the FK.
create index purchased_employees_employee_id_employee_version_id_idx
  on public.purchased_employees (employee_id, employee_version_id);
create index purchased_employees_employee_version_id_idx on public.purchased_employees (employee_version_id);
-- The workforce page and the agents check: a user's active hires.
create index purchased_employees_user_id_active_idx on public.purchased_employees (user_id)
  where is_active;

create trigger purchased_employees_set_updated_at
  before update on public.purchased_employees
  for each row execute function private.set_updated_at();

-- Pins the latest version on hire and keeps upgrades forward-only. Security definer: it reads
-- ai_employee_versions, which the hiring user cannot.
create or replace function private.pin_hired_employee_version()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_latest uuid;
  v_old_version integer;
  v_new_version integer;
begin
  if tg_op = 'INSERT' then
    select e.latest_version_id into v_latest
    from public.ai_employees e
    where e.id = new.employee_id and e.published;
    if v_latest is null then
      raise exception 'EMPLOYEE_NOT_FOUND' using errcode = 'PT404',
        detail = 'no published employee with this id';
    end if;
    new.employee_version_id := coalesce(new.employee_version_id, v_latest);
    new.version_pinned_at := now();
    return new;
  end if;

  if new.employee_id <> old.employee_id or new.user_id <> old.user_id then
    raise exception 'a hire cannot change employee or owner' using errcode = '42501';
  end if;
  if new.employee_version_id <> old.employee_version_id then
    select v.version into v_old_version from public.ai_employee_versions v where v.id = old.employee_version_id;
    select v.version into v_new_version from public.ai_employee_versions v where v.id = new.employee_version_id;
    if v_new_version <= v_old_version then
      raise exception 'a hire can only be upgraded to a newer version' using errcode = '22023';
    end if;
    new.version_pinned_at := now();
  end if;
  return new;
end;
$$;
comment on function private.pin_hired_employee_version() is
  'Trigger: pins the latest version of a published employee on hire; version changes only forward.';
revoke execute on function private.pin_hired_employee_version() from public, anon, authenticated;

create trigger purchased_employees_pin_version
  before insert or update on public.purchased_employees
  for each row execute function private.pin_hired_employee_version();

alter table public.purchased_employees enable row level security;
revoke all on table public.purchased_employees from anon, authenticated;
grant select, delete on table public.purchased_employees to authenticated;
-- Users name the employee; the version is pinned by the trigger, never chosen by the client.
grant insert (user_id, employee_id) on table public.purchased_employees to authenticated;
grant update (is_active, employee_version_id) on table public.purchased_employees to authenticated;
grant select, insert, update, delete on table public.purchased_employees to service_role;

create policy "Users can read their own hires"
  on public.purchased_employees for select to authenticated
  using (user_id = (select auth.uid()));

create policy "Users can hire for themselves"
  on public.purchased_employees for insert to authenticated
  with check (user_id = (select auth.uid()));

create policy "Users can update their own hires"
  on public.purchased_employees for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));

create policy "Users can fire their own hires"
  on public.purchased_employees for delete to authenticated
  using (user_id = (select auth.uid()));

-- hire_employee: idempotent hire (re-hiring reactivates and keeps the pinned version).
create function public.hire_employee(p_employee_id uuid)
returns public.purchased_employees
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_hire public.purchased_employees;
begin
  if (select auth.uid()) is null then
    raise exception 'sign in to hire' using errcode = '42501';
  end if;
  insert into public.purchased_employees (user_id, employee_id)
  values ((select auth.uid()), p_employee_id)
  on conflict (user_id, employee_id) do update set is_active = true
  returning * into v_hire;
  return v_hire;
end;
$$;
comment on function public.hire_employee(uuid) is
  'Hires a published employee for the caller, pinned to its latest version. Idempotent: hiring again returns the same hire (reactivated, same pinned version).';
revoke execute on function public.hire_employee(uuid) from public, anon;
grant execute on function public.hire_employee(uuid) to authenticated, service_role;

-- upgrade_hire: move a hire to the employee's latest version.
create function public.upgrade_hire(p_hire_id uuid)
returns public.purchased_employees
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_hire public.purchased_employees;
begin
  select * into v_hire from public.purchased_employees h where h.id = p_hire_id;
  if not found then
    raise exception 'HIRE_NOT_FOUND' using errcode = 'PT404';
  end if;
  update public.purchased_employees h
  set employee_version_id = e.latest_version_id
  from public.ai_employees e
  where h.id = p_hire_id
    and e.id = h.employee_id
    and e.latest_version_id is distinct from h.employee_version_id
  returning h.* into v_hire;
  if not found then
    -- Already on the latest version (or the employee is unpublished): nothing to do.
    select * into v_hire from public.purchased_employees h where h.id = p_hire_id;
  end if;
  return v_hire;
end;
$$;
comment on function public.upgrade_hire(uuid) is
  'Re-pins the caller''s hire to the employee''s latest version (no-op when already latest). Security invoker: RLS limits it to the caller''s hires.';
revoke execute on function public.upgrade_hire(uuid) from public, anon;
grant execute on function public.upgrade_hire(uuid) to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- employee_analytics: counters maintained by triggers (20261121014000_create_analytics_triggers.sql).
-- ---------------------------------------------------------------------------------------------
create table public.employee_analytics (
  employee_id uuid primary key references public.ai_employees (id) on delete cascade,
  hire_count integer not null default 0 check (hire_count >= 0),
  active_users integer not null default 0 check (active_users >= 0),
  total_messages bigint not null default 0 check (total_messages >= 0),
  review_count integer not null default 0 check (review_count >= 0),
  rating_sum integer not null default 0 check (rating_sum >= 0),
  avg_rating numeric(3, 2) generated always as (
    case when review_count > 0 then round(rating_sum::numeric / review_count, 2) end
  ) stored,
  last_hired_at timestamptz,
  updated_at timestamptz not null default now()
);
comment on table public.employee_analytics is
  'Per-employee hires (ever), active users (active hires), chat messages and ratings, maintained by triggers. Public for published employees.';

alter table public.employee_analytics enable row level security;
revoke all on table public.employee_analytics from anon, authenticated;
grant select on table public.employee_analytics to anon, authenticated;
grant select, insert, update, delete on table public.employee_analytics to service_role;

create policy "Anyone can read analytics of published employees"
  on public.employee_analytics for select to anon, authenticated
  using (exists (select 1 from public.ai_employees e where e.id = employee_id and e.published));

-- ---------------------------------------------------------------------------------------------
-- employee_reviews: one per user per employee, only by users who hired it.
-- ---------------------------------------------------------------------------------------------
create table public.employee_reviews (
  id uuid primary key default gen_random_uuid(),
  employee_id uuid not null references public.ai_employees (id) on delete cascade,
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  rating smallint not null check (rating between 1 and 5),
  title text not null default '' check (char_length(title) <= 120),
  body text not null default '' check (char_length(body) <= 4000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (user_id, employee_id)
);
comment on table public.employee_reviews is
  'Reviews: one per user and employee, only from users who hired it, editable by the author. The public reads them through employee_review_feed.';

-- user_id: the unique (user_id, employee_id) index covers the FK. Reviews page: newest first.
create index employee_reviews_employee_id_created_at_idx on public.employee_reviews (employee_id, created_at desc);

create trigger employee_reviews_set_updated_at
  before update on public.employee_reviews
  for each row execute function private.set_updated_at();

alter table public.employee_reviews enable row level security;
revoke all on table public.employee_reviews from anon, authenticated;
grant select, delete on table public.employee_reviews to authenticated;
grant insert (user_id, employee_id, rating, title, body) on table public.employee_reviews to authenticated;
grant update (rating, title, body) on table public.employee_reviews to authenticated;
grant select, insert, update, delete on table public.employee_reviews to service_role;

create policy "Users can read their own reviews"
  on public.employee_reviews for select to authenticated
  using (user_id = (select auth.uid()));

create policy "Users can review employees they hired"
  on public.employee_reviews for insert to authenticated
  with check (
    user_id = (select auth.uid())
    and exists (
      select 1 from public.purchased_employees h
      where h.user_id = (select auth.uid()) and h.employee_id = employee_reviews.employee_id
    )
  );

create policy "Users can edit their own reviews"
  on public.employee_reviews for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));

create policy "Users can delete their own reviews"
  on public.employee_reviews for delete to authenticated
  using (user_id = (select auth.uid()));

-- ---------------------------------------------------------------------------------------------
-- Prompt-free read models for the SPA.
-- ---------------------------------------------------------------------------------------------
create view public.ai_employee_catalog
with (security_invoker = false)
as
select
  e.id,
  e.slug,
  e.name,
  e.role,
  e.category,
  e.description,
  e.skills,
  e.default_provider,
  e.default_model,
  e.avatar_url,
  e.created_at,
  e.latest_version_id,
  v.version as latest_version,
  v.changelog as latest_changelog,
  v.created_at as latest_version_created_at,
  coalesce(a.hire_count, 0) as hire_count,
  coalesce(a.active_users, 0) as active_users,
  coalesce(a.total_messages, 0) as total_messages,
  coalesce(a.review_count, 0) as review_count,
  a.avg_rating
from public.ai_employees e
left join public.ai_employee_versions v on v.id = e.latest_version_id
left join public.employee_analytics a on a.employee_id = e.id
where e.published;
comment on view public.ai_employee_catalog is
  'Marketplace read model: published employees with latest version number/changelog and analytics. Runs as its owner to reach version metadata; never exposes system_prompt or tools.';
revoke all on table public.ai_employee_catalog from anon, authenticated;
grant select on table public.ai_employee_catalog to anon, authenticated, service_role;

create view public.ai_employee_version_history
with (security_invoker = false)
as
select
  v.id,
  v.employee_id,
  v.version,
  v.provider,
  v.model,
  v.changelog,
  v.created_at
from public.ai_employee_versions v
join public.ai_employees e on e.id = v.employee_id
where e.published;
comment on view public.ai_employee_version_history is
  'Version numbers and changelogs of published employees (no prompt, no tools): the workforce page shows the changes between a hire''s pinned version and the latest.';
revoke all on table public.ai_employee_version_history from anon, authenticated;
grant select on table public.ai_employee_version_history to anon, authenticated, service_role;

create view public.employee_review_feed
with (security_invoker = false)
as
select
  r.id,
  r.employee_id,
  r.rating,
  r.title,
  r.body,
  r.created_at,
  r.updated_at,
  coalesce(p.display_name, 'Anonymous') as author_name,
  p.avatar_url as author_avatar_url,
  coalesce(r.user_id = (select auth.uid()), false) as is_own
from public.employee_reviews r
join public.ai_employees e on e.id = r.employee_id and e.published
left join public.user_profiles p on p.user_id = r.user_id;
comment on view public.employee_review_feed is
  'Public reviews of published employees with the author''s display name and avatar (never the author id or email); is_own marks the caller''s review.';
revoke all on table public.employee_review_feed from anon, authenticated;
grant select on table public.employee_review_feed to anon, authenticated, service_role;
