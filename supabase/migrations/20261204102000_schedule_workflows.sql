-- Workflow schedules run by the run sweeper (docs/decisions/0041).
--
-- * scheduled_tasks gets a budget per run, the count of consecutive runs that could not start
--   (no credits, a workflow that no longer runs) and why it paused itself after three.
-- * next_run_at is the sweeper's: a trigger clears it whenever the cron, the time zone or the
--   enabled flag changes (and re-enabling forgets past failures), and the sweeper computes the
--   next slot with croner in the schedule's time zone.
-- * A scheduled run records its slot; (scheduled_task_id, schedule_slot) is unique, so two
--   sweepers at once, or a late one, create one run per slot: the second insert fails and its
--   whole transaction (the run and its budget hold) rolls back.

alter table public.scheduled_tasks
  add column budget_credits bigint check (budget_credits between 1 and 1000000000),
  add column failure_count integer not null default 0 check (failure_count >= 0),
  add column paused_reason text;
comment on column public.scheduled_tasks.budget_credits is 'Budget of each scheduled run; null: the owner''s default run budget.';
comment on column public.scheduled_tasks.failure_count is 'Consecutive slots whose run could not start; at 3 the schedule pauses itself.';
comment on column public.scheduled_tasks.paused_reason is 'Why the scheduler disabled the schedule (shown to the owner); cleared when re-enabled.';
comment on column public.scheduled_tasks.next_run_at is 'The next slot, computed by the sweeper; null until then and after every change of cron, timezone or is_active.';
grant insert (budget_credits) on table public.scheduled_tasks to authenticated;
grant update (budget_credits) on table public.scheduled_tasks to authenticated;

create function private.reset_schedule()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if (new.cron, new.timezone, new.is_active) is distinct from (old.cron, old.timezone, old.is_active) then
    new.next_run_at := null;
  end if;
  if new.is_active and not old.is_active then
    new.failure_count := 0;
    new.paused_reason := null;
  end if;
  return new;
end;
$$;
comment on function private.reset_schedule() is
  'Trigger: a changed cron, time zone or enabled flag makes the sweeper compute the next slot again; re-enabling clears past failures.';
revoke execute on function private.reset_schedule() from public, anon, authenticated;

create trigger scheduled_tasks_reset
  before update on public.scheduled_tasks
  for each row execute function private.reset_schedule();

-- The sweeper's scan for schedules without a next slot yet.
create index scheduled_tasks_unplanned_idx on public.scheduled_tasks (created_at) where is_active and next_run_at is null;

alter table public.workflow_runs add column schedule_slot timestamptz;
alter table public.workflow_runs add constraint workflow_runs_schedule_slot_check
  check ((trigger = 'schedule') = (schedule_slot is not null));
comment on column public.workflow_runs.schedule_slot is 'A scheduled run: the slot it was created for (unique per schedule).';
create unique index workflow_runs_scheduled_task_id_schedule_slot_idx
  on public.workflow_runs (scheduled_task_id, schedule_slot) where schedule_slot is not null;
