-- Rollback of 20261204100000_version_automation_workflows.sql: the definition back on the
-- workflow (its current version's), the old run tables back (empty: their rows were runs of the
-- engine, which stay in public.runs), versions gone.

drop view public.workflow_run_steps;
drop trigger run_steps_set_workflow_run_output on public.run_steps;
drop function private.set_workflow_run_output();
drop trigger runs_sync_workflow_run on public.runs;
drop function private.sync_workflow_run();
drop table public.workflow_runs;

alter table public.automation_workflows
  add column definition jsonb not null default '{"steps": []}'::jsonb
    check (jsonb_typeof(definition -> 'steps') = 'array' and jsonb_array_length(definition -> 'steps') <= 20);
update public.automation_workflows w
set definition = v.definition
from public.automation_workflow_versions v
where v.id = w.current_version_id;
grant insert (definition) on table public.automation_workflows to authenticated;
grant update (definition) on table public.automation_workflows to authenticated;

drop index public.automation_workflows_current_version_id_idx;
alter table public.automation_workflows drop column current_version_id, drop column version;

drop trigger automation_workflow_versions_make_current on public.automation_workflow_versions;
drop function private.make_workflow_version_current();
drop trigger automation_workflow_versions_number on public.automation_workflow_versions;
drop function private.number_workflow_version();
drop table public.automation_workflow_versions;

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
