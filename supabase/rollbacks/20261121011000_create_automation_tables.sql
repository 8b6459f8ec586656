-- Rollback of 20261121011000_create_automation_tables.sql.
drop table if exists public.workflow_run_steps;
drop table if exists public.workflow_runs;
drop table if exists public.scheduled_tasks;
drop table if exists public.automation_workflows;
