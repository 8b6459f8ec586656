-- Rollback of 20261204102000_schedule_workflows.sql.
drop index public.workflow_runs_scheduled_task_id_schedule_slot_idx;
alter table public.workflow_runs drop constraint workflow_runs_schedule_slot_check;
alter table public.workflow_runs drop column schedule_slot;

drop index public.scheduled_tasks_unplanned_idx;
drop trigger scheduled_tasks_reset on public.scheduled_tasks;
drop function private.reset_schedule();
alter table public.scheduled_tasks drop column budget_credits, drop column failure_count, drop column paused_reason;
comment on column public.scheduled_tasks.next_run_at is null;
