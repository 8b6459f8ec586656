-- Workflows become versioned, and their runs become runs of the run engine (docs/decisions/0040).
--
-- * automation_workflow_versions: immutable definitions. Saving an edited workflow inserts a new
--   version (numbered under the workflow row's lock by a trigger), which becomes the workflow's
--   current one; runs pin the version they started with. The definition's shape is checked by the
--   functions with the Zod schema the SPA shares (src/shared/workflows-contract.ts) and again at
--   run time; here only its outline and the 20-step cap.
-- * automation_workflows loses its own `definition` (the current version holds it).
-- * workflow_runs becomes the workflow side of a run of kind 'workflow' (same id, FK to
--   public.runs): which workflow and version, the trigger, the inputs, what it replays. Its
--   status, credits and error follow the run by trigger, in the engine's own transactions.
-- * workflow_run_steps, never used, becomes a view of the run's steps under run_steps' RLS.
--
-- No function ever ran a workflow, so the old run tables hold nothing worth keeping.

-- ---------------------------------------------------------------------------------------------
-- automation_workflow_versions
-- ---------------------------------------------------------------------------------------------
create table public.automation_workflow_versions (
  id uuid primary key default gen_random_uuid(),
  workflow_id uuid not null references public.automation_workflows (id) on delete cascade,
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  -- Set by the numbering trigger: 1, 2, 3 … per workflow.
  version integer not null default 0 check (version >= 0),
  -- {"inputs": [...], "steps": [...]}; the full shape is the shared Zod schema's.
  definition jsonb not null
    check (jsonb_typeof(definition -> 'steps') = 'array'
           and jsonb_array_length(definition -> 'steps') between 1 and 20
           and jsonb_typeof(coalesce(definition -> 'inputs', '[]'::jsonb)) = 'array'),
  created_at timestamptz not null default now(),
  unique (workflow_id, version)
);
comment on table public.automation_workflow_versions is
  'Immutable versions of a workflow''s definition (inputs and steps). Saving creates a new one; runs pin theirs. Owners insert and read; nobody updates or deletes (deleting the workflow removes them).';

-- workflow_id: the unique (workflow_id, version) index covers the FK.
create index automation_workflow_versions_user_id_idx on public.automation_workflow_versions (user_id);

alter table public.automation_workflow_versions enable row level security;
revoke all on table public.automation_workflow_versions from anon, authenticated;
grant select on table public.automation_workflow_versions to authenticated;
grant insert (workflow_id, user_id, definition) on table public.automation_workflow_versions to authenticated;
grant select, insert on table public.automation_workflow_versions to service_role;

create policy "Users can read versions of their own workflows"
  on public.automation_workflow_versions for select to authenticated
  using (user_id = (select auth.uid()));

create policy "Users can add versions to their own workflows"
  on public.automation_workflow_versions for insert to authenticated
  with check (
    user_id = (select auth.uid())
    and exists (
      select 1 from public.automation_workflows w
      where w.id = automation_workflow_versions.workflow_id and w.user_id = (select auth.uid())
    )
  );

alter table public.automation_workflows
  add column current_version_id uuid references public.automation_workflow_versions (id) on delete set null,
  add column version integer not null default 0 check (version >= 0),
  drop column definition;
comment on column public.automation_workflows.current_version_id is
  'The newest version (what the builder edits and a new run pins); set by the versions trigger.';
comment on column public.automation_workflows.version is 'The current version''s number; 0 before the first save.';
create index automation_workflows_current_version_id_idx on public.automation_workflows (current_version_id);

-- Numbers a new version under the workflow row's lock (two saves at once get 2 and 3, never 2
-- twice), and makes it the current one. Definer: users may not write current_version_id.
create function private.number_workflow_version()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_version integer;
begin
  update public.automation_workflows
  set version = version + 1
  where id = new.workflow_id
  returning version into v_version;
  if v_version is null then
    raise exception 'workflow % not found', new.workflow_id using errcode = '23503';
  end if;
  new.version := v_version;
  return new;
end;
$$;
comment on function private.number_workflow_version() is
  'Trigger: gives a new workflow version the next number, under the workflow row''s lock.';
revoke execute on function private.number_workflow_version() from public, anon, authenticated;

create trigger automation_workflow_versions_number
  before insert on public.automation_workflow_versions
  for each row execute function private.number_workflow_version();

create function private.make_workflow_version_current()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.automation_workflows set current_version_id = new.id where id = new.workflow_id;
  return null;
end;
$$;
comment on function private.make_workflow_version_current() is
  'Trigger: a new workflow version becomes its workflow''s current one.';
revoke execute on function private.make_workflow_version_current() from public, anon, authenticated;

create trigger automation_workflow_versions_make_current
  after insert on public.automation_workflow_versions
  for each row execute function private.make_workflow_version_current();

-- ---------------------------------------------------------------------------------------------
-- workflow_runs: the workflow side of a run
-- ---------------------------------------------------------------------------------------------
drop table public.workflow_run_steps;
drop table public.workflow_runs;

create table public.workflow_runs (
  id uuid primary key references public.runs (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  workflow_id uuid not null references public.automation_workflows (id) on delete cascade,
  version_id uuid not null references public.automation_workflow_versions (id) on delete cascade,
  version integer not null check (version >= 1),
  trigger text not null check (trigger in ('manual', 'schedule', 'webhook', 'replay')),
  inputs jsonb not null default '{}'::jsonb check (jsonb_typeof(inputs) = 'object'),
  scheduled_task_id uuid references public.scheduled_tasks (id) on delete set null,
  replay_of uuid references public.workflow_runs (id) on delete set null,
  replay_from text,
  -- Kept in step with the run by trigger.
  status text not null default 'running'
    check (status in ('running', 'completed', 'failed', 'cancelled', 'budget_exceeded')),
  credits_charged bigint not null default 0 check (credits_charged >= 0),
  error text,
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  check ((trigger = 'replay') = (replay_from is not null))
);
comment on table public.workflow_runs is
  'A workflow run (the workflow side of public.runs, same id): workflow, pinned version, trigger, inputs, what it replays; status, credits and error follow the run by trigger. Written by the workflow functions; users read their own.';
comment on column public.workflow_runs.replay_from is 'A replay: the key of the step it started again from (earlier steps reuse the outputs of replay_of).';

create index workflow_runs_workflow_id_created_at_idx on public.workflow_runs (workflow_id, created_at desc);
create index workflow_runs_user_id_created_at_idx on public.workflow_runs (user_id, created_at desc);
create index workflow_runs_version_id_idx on public.workflow_runs (version_id);
create index workflow_runs_scheduled_task_id_idx on public.workflow_runs (scheduled_task_id)
  where scheduled_task_id is not null;
create index workflow_runs_replay_of_idx on public.workflow_runs (replay_of) where replay_of is not null;

alter table public.workflow_runs enable row level security;
revoke all on table public.workflow_runs from anon, authenticated;
grant select on table public.workflow_runs to authenticated;
grant select, insert on table public.workflow_runs to service_role;

create policy "Users can read their own workflow runs"
  on public.workflow_runs for select to authenticated
  using (user_id = (select auth.uid()));

create function private.sync_workflow_run()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.workflow_runs w
  set status = new.status, credits_charged = new.spent_credits, error = new.error, finished_at = new.finished_at
  where w.id = new.id;
  return null;
end;
$$;
comment on function private.sync_workflow_run() is
  'Trigger: copies a workflow run''s status, spent credits, error and end onto its workflow_runs row.';
revoke execute on function private.sync_workflow_run() from public, anon, authenticated;

create trigger runs_sync_workflow_run
  after update of status, spent_credits, error, finished_at on public.runs
  for each row when (new.kind = 'workflow')
  execute function private.sync_workflow_run();

-- The run's result is its last step's output, whichever step finishes last (parallel steps end in
-- any order); set in the finish transaction of that step.
create function private.set_workflow_run_output()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.runs set output = new.output where id = new.run_id and status = 'running';
  return null;
end;
$$;
comment on function private.set_workflow_run_output() is
  'Trigger: a workflow''s final step (input.final) that completes gives the run its output.';
revoke execute on function private.set_workflow_run_output() from public, anon, authenticated;

create trigger run_steps_set_workflow_run_output
  after update of status on public.run_steps
  for each row
  when (new.status = 'completed' and old.status is distinct from 'completed'
        and new.kind = 'workflow_step' and new.input ? 'final')
  execute function private.set_workflow_run_output();

-- ---------------------------------------------------------------------------------------------
-- workflow_run_steps: the workflow view of run_steps
-- ---------------------------------------------------------------------------------------------
create view public.workflow_run_steps
with (security_invoker = true)
as
select
  s.id,
  s.run_id,
  s.key,
  s.position,
  s.input ->> 'name' as name,
  (s.input ->> 'employee_id')::uuid as employee_id,
  s.depends_on,
  s.status,
  coalesce((s.output ->> 'skipped')::boolean, false) as skipped,
  coalesce(s.output ->> 'text', '') as output,
  s.provider,
  s.model,
  s.input_tokens,
  s.output_tokens,
  s.cached_tokens,
  s.credits_charged,
  s.attempt,
  s.max_attempts,
  s.latency_ms,
  s.estimated,
  s.error,
  s.created_at,
  s.started_at,
  s.finished_at
from public.run_steps s
join public.runs r on r.id = s.run_id
where r.kind = 'workflow';
comment on view public.workflow_run_steps is
  'Steps of workflow runs with their output and usage: a view of run_steps (security invoker: its RLS applies).';
revoke all on table public.workflow_run_steps from anon, authenticated;
grant select on table public.workflow_run_steps to authenticated, service_role;
