-- Rollback of 20261205120000_narrow_run_engine_lock_windows.sql: the claim, the finish and the
-- draw from a hold as 20261203100000_create_run_engine.sql made them.
create or replace function billing.take_from_hold(
  p_hold_request_id text,
  p_amount bigint,
  p_request_id text,
  p_ttl interval
)
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_hold public.credit_reservations;
begin
  if p_amount is null or p_amount <= 0 then
    raise exception 'reservation amount must be positive' using errcode = '22023';
  end if;
  select * into v_hold from public.credit_reservations where request_id = p_hold_request_id;
  if not found then
    raise exception 'RESERVATION_NOT_FOUND' using errcode = 'PT404';
  end if;
  perform private.lock_credit_account(v_hold.user_id);
  if exists (select 1 from public.credit_reservations where request_id = p_request_id) then
    return true;
  end if;
  select * into v_hold from public.credit_reservations where id = v_hold.id for update;
  if v_hold.status <> 'active' or v_hold.amount < p_amount then
    return false;
  end if;
  -- Moved, not added: the account's reserved_balance already counts these credits.
  update public.credit_reservations set amount = amount - p_amount where id = v_hold.id;
  insert into public.credit_reservations (user_id, request_id, amount, expires_at, details)
  values (v_hold.user_id, p_request_id, p_amount, now() + p_ttl, jsonb_build_object('hold', p_hold_request_id));
  return true;
end;
$$;
comment on function billing.take_from_hold(text, bigint, text, interval) is
  'Moves p_amount from an active hold into a new reservation p_request_id (reserved_balance unchanged). False when the hold has less left (the budget is spent); idempotent by p_request_id.';


create or replace function run_engine.claim_steps(
  p_worker text,
  p_limit integer,
  p_lease interval,
  p_now timestamptz default now(),
  -- A worker dispatched for one run claims only its steps; the sweeper's claims anything.
  p_run_ids uuid[] default null
)
returns setof public.run_steps
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_candidate record;
  v_run public.runs;
  v_step public.run_steps;
  v_amount bigint;
  v_request_id text;
begin
  for v_candidate in
    select s.id, s.run_id
    from public.run_steps s
    join public.runs r on r.id = s.run_id
    where s.status = 'ready' and s.next_attempt_at <= p_now and r.status = 'running'
      and (p_run_ids is null or s.run_id = any (p_run_ids))
    order by s.next_attempt_at, s.position
    limit p_limit
    -- The run row too: a run being cancelled or finished is skipped, never waited for.
    for update of s, r skip locked
  loop
    select * into v_run from public.runs where id = v_candidate.run_id;
    continue when v_run.status <> 'running';
    select * into v_step from public.run_steps where id = v_candidate.id;
    -- The most this attempt can cost, at today's price.
    v_amount := greatest(1, billing.price_call(v_step.provider, v_step.model, v_step.reserve_input_tokens,
                                               v_step.max_output_tokens, 0));
    v_request_id := run_engine.attempt_request_id(v_step.run_id, v_step.key, v_step.attempt + 1);
    if v_run.spent_credits + v_run.reserved_credits + v_amount > v_run.budget_credits
       or not billing.take_from_hold(run_engine.hold_id(v_run.id), v_amount, v_request_id, p_lease + interval '15 minutes') then
      -- Not started: the run ends with what it has (in-flight steps still finish and settle).
      perform run_engine.end_run(v_run.id, 'budget_exceeded',
        format('The budget of %s credits cannot cover the next step (%s needs up to %s; %s spent, %s in flight).',
               v_run.budget_credits, v_step.key, v_amount, v_run.spent_credits, v_run.reserved_credits),
        null);
      continue;
    end if;
    update public.run_steps
    set status = 'running', attempt = attempt + 1, lease_owner = p_worker, lease_expires_at = p_now + p_lease,
        reserved_credits = v_amount, started_at = coalesce(started_at, now()), error = null
    where id = v_step.id
    returning * into v_step;
    update public.runs set reserved_credits = reserved_credits + v_amount where id = v_run.id;
    perform run_engine.emit(v_run.id, 'step_started', v_step.key, v_step.attempt,
      jsonb_build_object('kind', v_step.kind, 'provider', v_step.provider, 'model', v_step.model,
                         'reserved_credits', v_amount));
    return next v_step;
  end loop;
end;
$$;

create or replace function run_engine.finish_attempt(
  p_step_id uuid,
  p_worker text,
  p_attempt integer,
  p_outcome text,
  p_output jsonb,
  p_usage jsonb,
  p_error text,
  p_successors jsonb default null,
  p_run_output jsonb default null,
  p_run_error text default null,
  p_retry_at timestamptz default null
)
returns public.run_steps
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_step public.run_steps;
  v_run public.runs;
  v_request_id text;
  v_charged bigint := 0;
  v_in bigint;
  v_out bigint;
  v_cached bigint;
  v_latency integer;
  v_estimated boolean;
  v_status text;
  v_retry boolean;
  v_reserved bigint;
begin
  if p_outcome not in ('completed', 'retry', 'failed', 'stopped') then
    raise exception 'unknown outcome %', p_outcome using errcode = '22023';
  end if;
  select * into v_step from public.run_steps where id = p_step_id;
  if not found then
    return null;
  end if;
  select * into v_run from public.runs where id = v_step.run_id for update;
  select * into v_step from public.run_steps
  where id = p_step_id and lease_owner = p_worker and attempt = p_attempt and status = 'running'
  for update;
  if not found then
    return null;
  end if;

  -- Meter the attempt: exactly once, keyed by the attempt (settle_call is idempotent by it).
  v_request_id := run_engine.attempt_request_id(v_step.run_id, v_step.key, v_step.attempt);
  v_in := coalesce((p_usage ->> 'input_tokens')::bigint, 0);
  v_out := coalesce((p_usage ->> 'output_tokens')::bigint, 0);
  v_cached := coalesce((p_usage ->> 'cached_input_tokens')::bigint, 0);
  v_latency := greatest(0, coalesce((p_usage ->> 'latency_ms')::integer, 0));
  v_estimated := coalesce((p_usage ->> 'estimated')::boolean, false);
  v_status := case p_outcome when 'completed' then 'ok' when 'stopped' then 'stopped' else 'error' end;
  if p_usage is null then
    perform billing.release_call(v_run.user_id, v_request_id, v_step.provider, v_step.model, v_run.kind,
                                 0, 0, 0, v_latency, v_status, false, null, null);
  else
    select s.charged into v_charged
    from billing.settle_call(v_run.user_id, v_request_id, v_step.provider, v_step.model, v_run.kind,
                             v_in, v_out, v_cached, v_latency, v_status, v_estimated, null, null,
                             coalesce((p_usage ->> 'started_at')::timestamptz, v_step.started_at),
                             jsonb_build_object('run_id', v_run.id, 'step', v_step.key, 'attempt', v_step.attempt,
                                                'estimated', v_estimated, 'status', v_status)) s;
  end if;
  perform billing.return_to_hold(run_engine.hold_id(v_run.id), v_request_id);

  v_reserved := v_step.reserved_credits;
  v_retry := p_outcome = 'retry' and v_step.attempt < v_step.max_attempts and v_run.status = 'running';
  update public.run_steps
  set status = case
                 when p_outcome = 'completed' then 'completed'
                 when v_retry then 'ready'
                 -- Stopped, or retryable but the run has ended: it will not run again.
                 when p_outcome = 'stopped' or (p_outcome = 'retry' and v_run.status <> 'running') then 'cancelled'
                 else 'failed' end,
      output = case when p_outcome = 'completed' or p_output is not null then p_output else output end,
      error = p_error,
      lease_owner = null,
      lease_expires_at = null,
      next_attempt_at = case when v_retry then coalesce(p_retry_at, now()) else next_attempt_at end,
      reserved_credits = 0,
      input_tokens = input_tokens + v_in,
      output_tokens = output_tokens + v_out,
      cached_tokens = cached_tokens + v_cached,
      credits_charged = credits_charged + v_charged,
      latency_ms = v_latency,
      estimated = v_estimated,
      finished_at = case when v_retry then null else now() end
  where id = v_step.id
  returning * into v_step;
  update public.runs
  set spent_credits = spent_credits + v_charged, reserved_credits = reserved_credits - v_reserved
  where id = v_run.id
  returning * into v_run;

  perform run_engine.emit(v_run.id,
    case when p_outcome = 'completed' then 'step_finished' when v_retry then 'step_retrying' else 'step_failed' end,
    v_step.key, v_step.attempt,
    jsonb_build_object('status', v_step.status, 'output', p_output, 'error', p_error,
                       'provider', v_step.provider, 'model', v_step.model,
                       'input_tokens', v_in, 'output_tokens', v_out, 'cached_input_tokens', v_cached,
                       'credits', v_charged, 'latency_ms', v_latency, 'estimated', v_estimated,
                       'next_attempt_at', case when v_retry then v_step.next_attempt_at end,
                       'spent_credits', v_run.spent_credits));

  if v_run.status = 'running' then
    if p_outcome = 'completed' then
      if p_run_error is not null then
        perform run_engine.end_run(v_run.id, 'failed', p_run_error, null);
      else
        perform run_engine.add_steps(v_run.id, p_successors);
        -- Successors of this step (and any other waiting step) whose dependencies are all done.
        update public.run_steps w
        set status = 'ready', next_attempt_at = now()
        where w.run_id = v_run.id and w.status = 'waiting'
          and not exists (
            select 1 from unnest(w.depends_on) d(key)
            where not exists (select 1 from public.run_steps o
                              where o.run_id = v_run.id and o.key = d.key and o.status = 'completed'));
        if not exists (select 1 from public.run_steps
                       where run_id = v_run.id and status in ('waiting', 'ready', 'running')) then
          perform run_engine.end_run(v_run.id, 'completed', null, p_run_output);
        end if;
      end if;
    elsif not v_retry then
      perform run_engine.end_run(v_run.id, 'failed', coalesce(p_run_error, p_error, 'A step failed.'), null);
    end if;
  end if;
  perform run_engine.close_if_settled(v_run.id);
  return v_step;
end;
$$;
comment on function run_engine.claim_steps(text, integer, interval, timestamptz, uuid[]) is null;
comment on function run_engine.finish_attempt(uuid, text, integer, text, jsonb, jsonb, text, jsonb, jsonb, text, timestamptz) is null;
