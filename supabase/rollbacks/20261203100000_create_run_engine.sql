-- Rollback of 20261203100000_create_run_engine.sql. Run after the rollback of
-- 20261203100100_attach_team_runs_to_engine.sql; active run holds must have been released.

drop schema run_engine cascade;

drop function billing.take_from_hold(text, bigint, text, interval);
drop function billing.return_to_hold(text, text);

drop table public.run_events;
drop table public.run_steps;
drop table public.runs;

alter table public.credit_reservations drop constraint credit_reservations_amount_check;
alter table public.credit_reservations add constraint credit_reservations_amount_check check (amount > 0);

alter table public.user_settings drop column default_run_budget_credits;
