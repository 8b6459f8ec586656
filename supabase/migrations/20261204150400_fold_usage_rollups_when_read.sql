-- The usage rollups are folded when they are read, not as usage is written. Folding in the
-- token_usage insert made every settlement of the same day, provider, model, feature and plan
-- update one rollup row, holding its lock until commit: concurrent calls and run steps queued on
-- it (run-engine throughput fell from 158–170 to 131 steps/s on a quiet machine). Now an insert
-- only queues the usage row's id (an append, no shared row), and the admin report folds what is
-- queued first — the figures are as exact and as current as before. A schedule folds every five
-- minutes as well, so the queue stays short when nobody looks.

create table private.usage_rollup_queue (
  usage_id uuid not null
);
comment on table private.usage_rollup_queue is
  'token_usage rows not yet added to the usage rollups (private.fold_usage_queue folds and empties it).';

create or replace function private.fold_usage_into_rollups()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into private.usage_rollup_queue (usage_id) select id from new_usage;
  return null;
end;
$$;
comment on function private.fold_usage_into_rollups() is
  'Trigger (statement level, transition table new_usage): queues the inserted token_usage rows for the usage rollups (folded by private.fold_usage_queue).';

create function private.fold_usage_queue()
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_folded integer;
begin
  -- Concurrent folds take disjoint rows (the delete locks what it takes).
  create temporary table if not exists pg_temp.usage_folding (like public.token_usage) on commit delete rows;
  with taken as (delete from private.usage_rollup_queue returning usage_id)
  insert into pg_temp.usage_folding select u.* from public.token_usage u join taken on taken.usage_id = u.id;
  get diagnostics v_folded = row_count;
  if v_folded > 0 then
    -- The daily rollup counts every call; the per-user one only rows that still name a user (a
    -- user deleted since the call was queued has no monthly row: it went with the account).
    execute (private.usage_fold_statements('pg_temp.usage_folding'))[1];
    execute (private.usage_fold_statements(
      '(select * from pg_temp.usage_folding where user_id is not null)'))[2];
  end if;
  delete from pg_temp.usage_folding;
  return v_folded;
end;
$$;
comment on function private.fold_usage_queue() is
  'Adds the queued token_usage rows to both usage rollups and empties the queue; answers how many rows it folded.';
revoke execute on function private.fold_usage_queue() from public, anon, authenticated, service_role;

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
  delete from private.usage_rollup_queue;
  delete from public.usage_daily_rollups;
  delete from public.usage_user_monthly_rollups;
  foreach v_statement in array private.usage_fold_statements('public.token_usage') loop
    execute v_statement;
  end loop;
end;
$$;
