-- Ready-made workflows (issue 13): a public gallery that a user installs in one click. A
-- template's definition is a workflow definition whose steps name a catalog employee by slug
-- (`employee_slug`) instead of a hire; installing hires the missing employees for the user and
-- saves the workflow as its first version (POST /api/workflows/templates/:slug/install).
-- Rows come from the seed; nobody writes them through the API.

create table public.workflow_templates (
  slug text primary key check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text not null check (char_length(name) between 1 and 120),
  description text not null default '' check (char_length(description) <= 2000),
  category text not null check (char_length(category) between 1 and 40),
  definition jsonb not null
    check (jsonb_typeof(definition -> 'steps') = 'array' and jsonb_array_length(definition -> 'steps') between 1 and 20),
  position integer not null default 0,
  created_at timestamptz not null default now()
);
comment on table public.workflow_templates is
  'Ready-made workflows shown in the gallery; steps name catalog employees by employee_slug. Seeded; readable by anyone.';

alter table public.workflow_templates enable row level security;
revoke all on table public.workflow_templates from anon, authenticated;
grant select on table public.workflow_templates to anon, authenticated;
grant select, insert, update, delete on table public.workflow_templates to service_role;

create policy "Anyone can read workflow templates"
  on public.workflow_templates for select to anon, authenticated
  using (true);
