-- Automation: saved workflows (ordered steps, each an employee + prompt template + input
-- mapping), their runs and per-step progress, and schedules (DESIGN.md §4, §6).
--
-- Users own their workflows and schedules outright. Runs and run steps carry usage and credits,
-- so only the workflow runner (service role) writes them; users read their own.

-- ---------------------------------------------------------------------------------------------
-- automation_workflows
-- ---------------------------------------------------------------------------------------------
create table public.automation_workflows (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 120),
  description text not null default '' check (char_length(description) <= 2000),
  -- {"steps": [{"employee_id": uuid, "prompt_template": text, "input_mapping": {...}}, ...]}
  definition jsonb not null default '{"steps": []}'::jsonb
    check (jsonb_typeof(definition -> 'steps') = 'array' and jsonb_array_length(definition -> 'steps') <= 20),
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.automation_workflows is
  'Saved multi-step pipelines of hired employees. The runner checks at run time that every step''s employee is an active hire of the owner.';

create index automation_workflows_user_id_updated_at_idx on public.automation_workflows (user_id, updated_at desc);

create trigger automation_workflows_set_updated_at
  before update on public.automation_workflows
  for each row execute function private.set_updated_at();

alter table public.automation_workflows enable row level security;
revoke all on table public.automation_workflows from anon, authenticated;
grant select, delete on table public.automation_workflows to authenticated;
grant insert (user_id, name, description, definition, is_active) on table public.automation_workflows to authenticated;
grant update (name, description, definition, is_active) on table public.automation_workflows to authenticated;
grant select, insert, update, delete on table public.automation_workflows to service_role;

create policy "Users can read their own workflows"
  on public.automation_workflows for select to authenticated
  using (user_id = (select auth.uid()));

create policy "Users can create their own workflows"
  on public.automation_workflows for insert to authenticated
  with check (user_id = (select auth.uid()));

create policy "Users can update their own workflows"
  on public.automation_workflows for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));

create policy "Users can delete their own workflows"
  on public.automation_workflows for delete to authenticated
  using (user_id = (select auth.uid()));

-- ---------------------------------------------------------------------------------------------
-- scheduled_tasks (before workflow_runs, which may point at the schedule that started them)
-- ---------------------------------------------------------------------------------------------
create table public.scheduled_tasks (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  workflow_id uuid not null references public.automation_workflows (id) on delete cascade,
  name text not null check (char_length(name) between 1 and 120),
  cron text not null check (char_length(cron) between 9 and 100),
  timezone text not null default 'UTC' check (char_length(timezone) between 1 and 64),
  input jsonb not null default '{}'::jsonb,
  is_active boolean not null default true,
  next_run_at timestamptz,
  last_run_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.scheduled_tasks is
  'Cron schedules for a user''s workflows. Users manage their own; the scheduler (service role) sets next_run_at/last_run_at.';

create index scheduled_tasks_user_id_idx on public.scheduled_tasks (user_id);
create index scheduled_tasks_workflow_id_idx on public.scheduled_tasks (workflow_id);
-- The scheduler's scan: active tasks that are due.
create index scheduled_tasks_next_run_at_idx on public.scheduled_tasks (next_run_at) where is_active;

create trigger scheduled_tasks_set_updated_at
  before update on public.scheduled_tasks
  for each row execute function private.set_updated_at();

alter table public.scheduled_tasks enable row level security;
revoke all on table public.scheduled_tasks from anon, authenticated;
grant select, delete on table public.scheduled_tasks to authenticated;
grant insert (user_id, workflow_id, name, cron, timezone, input, is_active) on table public.scheduled_tasks to authenticated;
grant update (name, cron, timezone, input, is_active) on table public.scheduled_tasks to authenticated;
grant select, insert, update, delete on table public.scheduled_tasks to service_role;

create policy "Users can read their own scheduled tasks"
  on public.scheduled_tasks for select to authenticated
  using (user_id = (select auth.uid()));

create policy "Users can schedule their own workflows"
  on public.scheduled_tasks for insert to authenticated
  with check (
    user_id = (select auth.uid())
    and exists (
      select 1 from public.automation_workflows w
      where w.id = scheduled_tasks.workflow_id and w.user_id = (select auth.uid())
    )
  );

create policy "Users can update their own scheduled tasks"
  on public.scheduled_tasks for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));

create policy "Users can delete their own scheduled tasks"
  on public.scheduled_tasks for delete to authenticated
  using (user_id = (select auth.uid()));

-- ---------------------------------------------------------------------------------------------
-- workflow_runs
-- ---------------------------------------------------------------------------------------------
create table public.workflow_runs (
  id uuid primary key default gen_random_uuid(),
  workflow_id uuid not null references public.automation_workflows (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  scheduled_task_id uuid references public.scheduled_tasks (id) on delete set null,
  trigger text not null default 'manual' check (trigger in ('manual', 'schedule')),
  status text not null default 'queued' check (status in ('queued', 'running', 'completed', 'failed', 'cancelled')),
  input jsonb not null default '{}'::jsonb,
  output jsonb,
  error text,
  credits_charged bigint not null default 0 check (credits_charged >= 0),
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz
);
comment on table public.workflow_runs is
  'One execution of a workflow. Written by the runner (background function, service role); users read their own run history.';

create index workflow_runs_workflow_id_created_at_idx on public.workflow_runs (workflow_id, created_at desc);
create index workflow_runs_user_id_created_at_idx on public.workflow_runs (user_id, created_at desc);
create index workflow_runs_scheduled_task_id_idx on public.workflow_runs (scheduled_task_id)
  where scheduled_task_id is not null;

alter table public.workflow_runs enable row level security;
revoke all on table public.workflow_runs from anon, authenticated;
grant select on table public.workflow_runs to authenticated;
grant select, insert, update, delete on table public.workflow_runs to service_role;

create policy "Users can read their own workflow runs"
  on public.workflow_runs for select to authenticated
  using (user_id = (select auth.uid()));

-- ---------------------------------------------------------------------------------------------
-- workflow_run_steps
-- ---------------------------------------------------------------------------------------------
create table public.workflow_run_steps (
  id uuid primary key default gen_random_uuid(),
  run_id uuid not null references public.workflow_runs (id) on delete cascade,
  position integer not null check (position >= 0),
  employee_id uuid references public.ai_employees (id) on delete set null,
  employee_version_id uuid references public.ai_employee_versions (id) on delete set null,
  status text not null default 'pending' check (status in ('pending', 'running', 'completed', 'failed', 'skipped')),
  input text,
  output text,
  provider text check (provider in ('openai', 'anthropic', 'google', 'perplexity')),
  model text,
  input_tokens bigint not null default 0 check (input_tokens >= 0),
  output_tokens bigint not null default 0 check (output_tokens >= 0),
  cached_tokens bigint not null default 0 check (cached_tokens >= 0),
  credits_charged bigint not null default 0 check (credits_charged >= 0),
  request_id text unique,
  error text,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  unique (run_id, position)
);
comment on table public.workflow_run_steps is
  'Progress of each step of a run (the run page polls it). Written by the runner; users read steps of their own runs.';

-- run_id: the unique (run_id, position) index covers the FK.
create index workflow_run_steps_employee_id_idx on public.workflow_run_steps (employee_id);
create index workflow_run_steps_employee_version_id_idx on public.workflow_run_steps (employee_version_id);

alter table public.workflow_run_steps enable row level security;
revoke all on table public.workflow_run_steps from anon, authenticated;
grant select on table public.workflow_run_steps to authenticated;
grant select, insert, update, delete on table public.workflow_run_steps to service_role;

create policy "Users can read steps of their own workflow runs"
  on public.workflow_run_steps for select to authenticated
  using (
    exists (
      select 1 from public.workflow_runs r
      where r.id = workflow_run_steps.run_id and r.user_id = (select auth.uid())
    )
  );
