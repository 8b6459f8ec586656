-- A run that could not start is still a run in its history (issue 13; ADR 0078): a scheduled
-- workflow whose owner lacks the credits for its budget (or whose employee is no longer hired)
-- used to leave only a notification and the schedule's failure count. The sweeper now records the
-- slot's run as failed with the reason: a runs row that never held anything (ended and closed at
-- once, no steps, nothing spent) and its run_status event, written by this function, in the same
-- transaction as the schedule's compare-and-set on the slot and the run's workflow_runs row — whose
-- unique (schedule, slot) key keeps one run per slot, started or not.
create function run_engine.record_unstarted_run(
  p_run_id uuid,
  p_user_id uuid,
  p_kind text,
  p_title text,
  p_budget bigint,
  p_error text
)
returns public.runs
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_run public.runs;
begin
  insert into public.runs (id, user_id, kind, status, title, budget_credits, error, finished_at, closed_at)
  values (p_run_id, p_user_id, p_kind, 'failed', p_title,
          -- What it would have held (shown beside the reason); nothing was reserved.
          greatest(1, coalesce(p_budget,
                               (select s.default_run_budget_credits from public.user_settings s where s.user_id = p_user_id),
                               200000)),
          p_error, now(), now())
  returning * into v_run;
  perform run_engine.emit(p_run_id, 'run_status', null, null,
    jsonb_build_object('status', 'failed', 'error', p_error, 'closed', true, 'spent_credits', 0,
                       'started', false));
  select * into v_run from public.runs where id = p_run_id;
  return v_run;
end;
$$;
comment on function run_engine.record_unstarted_run(uuid, uuid, text, text, bigint, text) is
  'Records a run that could not start (failed with p_error, closed, no steps, nothing held or spent) and its run_status event.';
revoke execute on function run_engine.record_unstarted_run(uuid, uuid, text, text, bigint, text)
  from public, anon, authenticated;
grant execute on function run_engine.record_unstarted_run(uuid, uuid, text, text, bigint, text) to service_role;
