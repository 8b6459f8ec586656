-- Rollback of 20261204150400_fold_usage_rollups_when_read.sql: what is queued is folded first, then
-- the insert trigger folds again.
select private.fold_usage_queue();
drop function private.fold_usage_queue();
drop table private.usage_rollup_queue;

create or replace function private.fold_usage_into_rollups()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_statement text;
begin
  foreach v_statement in array private.usage_fold_statements('new_usage') loop
    execute v_statement;
  end loop;
  return null;
end;
$$;
comment on function private.fold_usage_into_rollups() is
  'Trigger (statement level, transition table new_usage): adds the inserted token_usage rows to both usage rollups.';

create or replace function private.rebuild_usage_rollups()
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_statement text;
begin
  lock table public.token_usage in share mode;
  delete from public.usage_daily_rollups;
  delete from public.usage_user_monthly_rollups;
  foreach v_statement in array private.usage_fold_statements('public.token_usage') loop
    execute v_statement;
  end loop;
end;
$$;
comment on function private.rebuild_usage_rollups() is
  'Recomputes both usage rollups from token_usage (backfill; after a bulk load with triggers off).';
