-- The run engine's statements hold the user's credit account for as short a time as they can
-- (issue 11's throughput target; ADR 0076).
--
-- Every settlement of one user locks that user's credit_accounts row until its transaction
-- commits, so a user's concurrent runs take turns there. bench/runs measured it: with 50 runs of
-- one user in flight, lock_credit_account waited 3.2 ms per call on average, more than the whole
-- wall time of the phase in total, while both cores stayed half idle. Two statements held the lock
-- far longer than their money needed:
--
-- * claim_steps drew each claimed attempt's reservation out of the run's hold through
--   billing.take_from_hold, which locked the account first — and a claim of 16 steps kept it (and
--   16 run rows) until the whole claim committed, so every finish of that user queued behind it.
--   A draw moves credits between two reservations of one account: the account row does not
--   change (its reserved_balance counts both), so the hold's own row lock is what serialises
--   draws on it. take_from_hold now locks only the hold, and the claim takes it without waiting
--   (skip locked): a claim never waits while it holds run rows.
-- * finish_attempt settled first and then did everything else (the step, successors, promotions,
--   events) with the account locked. The money now comes last: the step's new state, its
--   successors and the promotion of waiting steps first, then the settlement, the return to the
--   hold, the credits on the step and the run, the step's event and the run's end.
--
-- The events of a claim and of a finish take their seq in the same update of the run row that
-- records the step's money (one update of the run instead of two). Everything else is unchanged:
-- lease guards, settlement keys, budget checks, statuses, events and their order.

-- ---------------------------------------------------------------------------------------------
-- take_from_hold: locks the hold, not the account.
-- ---------------------------------------------------------------------------------------------
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
  -- The hold's row lock serialises every draw on this hold (and its release or expiry). The
  -- account row is not touched: reserved_balance already counts the credits being moved.
  select * into v_hold from public.credit_reservations where request_id = p_hold_request_id for update;
  if not found then
    raise exception 'RESERVATION_NOT_FOUND' using errcode = 'PT404';
  end if;
  -- Checked under the hold's lock, so a repeated draw (same request id) sees the first one.
  if exists (select 1 from public.credit_reservations where request_id = p_request_id) then
    return true;
  end if;
  if v_hold.status <> 'active' or v_hold.amount < p_amount then
    return false;
  end if;
  update public.credit_reservations set amount = amount - p_amount where id = v_hold.id;
  insert into public.credit_reservations (user_id, request_id, amount, expires_at, details)
  values (v_hold.user_id, p_request_id, p_amount, now() + p_ttl, jsonb_build_object('hold', p_hold_request_id));
  return true;
end;
$$;
comment on function billing.take_from_hold(text, bigint, text, interval) is
  'Moves p_amount from an active hold into a new reservation p_request_id (reserved_balance unchanged, so only the hold is locked, not the account). False when the hold has less left (the budget is spent); idempotent by p_request_id.';

-- ---------------------------------------------------------------------------------------------
-- claim_steps: never waits once it holds run rows.
-- ---------------------------------------------------------------------------------------------
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
  v_hold_id text;
  v_seq bigint;
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
    v_hold_id := run_engine.hold_id(v_run.id);
    -- The hold without waiting, like the run row: only the billing sweep of expired holds takes
    -- it without the run row (account first), and the step stays ready for the next claim.
    perform 1 from public.credit_reservations where request_id = v_hold_id for update skip locked;
    continue when not found;
    select * into v_step from public.run_steps where id = v_candidate.id;
    -- The most this attempt can cost, at today's price.
    v_amount := greatest(1, billing.price_call(v_step.provider, v_step.model, v_step.reserve_input_tokens,
                                               v_step.max_output_tokens, 0));
    v_request_id := run_engine.attempt_request_id(v_step.run_id, v_step.key, v_step.attempt + 1);
    if v_run.spent_credits + v_run.reserved_credits + v_amount > v_run.budget_credits
       or not billing.take_from_hold(v_hold_id, v_amount, v_request_id, p_lease + interval '15 minutes') then
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
    -- The reservation in flight and the event's seq in one update of the run row (run_engine.emit's
    -- numbering, under the same lock).
    update public.runs set reserved_credits = reserved_credits + v_amount, last_event_seq = last_event_seq + 1
    where id = v_run.id
    returning last_event_seq into v_seq;
    insert into public.run_events (run_id, seq, type, step_key, attempt, data)
    values (v_run.id, v_seq, 'step_started', v_step.key, v_step.attempt,
            jsonb_build_object('kind', v_step.kind, 'provider', v_step.provider, 'model', v_step.model,
                               'reserved_credits', v_amount));
    return next v_step;
  end loop;
end;
$$;
comment on function run_engine.claim_steps(text, integer, interval, timestamptz, uuid[]) is
  'Claims up to p_limit ready steps: lease, reservation out of the run''s hold (or the run ends budget_exceeded), step_started event. Skips, never waits for, a run row or hold another transaction holds.';

-- ---------------------------------------------------------------------------------------------
-- finish_attempt: the money last.
--
--   p_outcome 'completed' — output stored, successors added, waiting steps promoted, the run
--                           completed when nothing is left (or failed with p_run_error);
--             'retry'     — the call failed retryably: ready again at p_retry_at (if attempts are
--                           left and the run still runs), else as 'failed';
--             'failed'    — the step failed: the run fails with p_error;
--             'stopped'   — aborted because the run ended meanwhile (cancelled / failed / budget).
--
-- The attempt's reservation is settled at the usage given (billing.settle_call; p_usage null:
-- released, nothing charged) and what it did not charge goes back to the hold. Returns null, and
-- changes nothing, when the lease is no longer the caller's.
-- ---------------------------------------------------------------------------------------------
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

  v_request_id := run_engine.attempt_request_id(v_step.run_id, v_step.key, v_step.attempt);
  v_in := coalesce((p_usage ->> 'input_tokens')::bigint, 0);
  v_out := coalesce((p_usage ->> 'output_tokens')::bigint, 0);
  v_cached := coalesce((p_usage ->> 'cached_input_tokens')::bigint, 0);
  v_latency := greatest(0, coalesce((p_usage ->> 'latency_ms')::integer, 0));
  v_estimated := coalesce((p_usage ->> 'estimated')::boolean, false);
  v_status := case p_outcome when 'completed' then 'ok' when 'stopped' then 'stopped' else 'error' end;
  v_reserved := v_step.reserved_credits;
  v_retry := p_outcome = 'retry' and v_step.attempt < v_step.max_attempts and v_run.status = 'running';

  -- 1. The step's new state; its credits follow with the settlement.
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
      latency_ms = v_latency,
      estimated = v_estimated,
      finished_at = case when v_retry then null else now() end
  where id = v_step.id
  returning * into v_step;

  -- 2. Successors, and the waiting steps whose dependencies are now all completed.
  if v_run.status = 'running' and p_outcome = 'completed' and p_run_error is null then
    perform run_engine.add_steps(v_run.id, p_successors);
    update public.run_steps w
    set status = 'ready', next_attempt_at = now()
    where w.run_id = v_run.id and w.status = 'waiting'
      and not exists (
        select 1 from unnest(w.depends_on) d(key)
        where not exists (select 1 from public.run_steps o
                          where o.run_id = v_run.id and o.key = d.key and o.status = 'completed'));
  end if;

  -- 3. The money: from the settlement on, the user's credit account stays locked until commit
  -- (every other settlement of this user waits for it), so only what needs the charge follows.
  -- Exactly once, keyed by the attempt (settle_call is idempotent by it).
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
  if v_charged > 0 then
    update public.run_steps set credits_charged = credits_charged + v_charged
    where id = v_step.id
    returning * into v_step;
  end if;
  -- The charge, the reservation no longer in flight and the event's seq in one update of the run.
  update public.runs
  set spent_credits = spent_credits + v_charged, reserved_credits = reserved_credits - v_reserved,
      last_event_seq = last_event_seq + 1
  where id = v_run.id
  returning * into v_run;
  insert into public.run_events (run_id, seq, type, step_key, attempt, data)
  values (v_run.id, v_run.last_event_seq,
    case when p_outcome = 'completed' then 'step_finished' when v_retry then 'step_retrying' else 'step_failed' end,
    v_step.key, v_step.attempt,
    jsonb_build_object('status', v_step.status, 'output', p_output, 'error', p_error,
                       'provider', v_step.provider, 'model', v_step.model,
                       'input_tokens', v_in, 'output_tokens', v_out, 'cached_input_tokens', v_cached,
                       'credits', v_charged, 'latency_ms', v_latency, 'estimated', v_estimated,
                       'next_attempt_at', case when v_retry then v_step.next_attempt_at end,
                       'spent_credits', v_run.spent_credits));

  -- 4. The run's end.
  if v_run.status = 'running' then
    if p_outcome = 'completed' then
      if p_run_error is not null then
        perform run_engine.end_run(v_run.id, 'failed', p_run_error, null);
      elsif not exists (select 1 from public.run_steps
                        where run_id = v_run.id and status in ('waiting', 'ready', 'running')) then
        perform run_engine.end_run(v_run.id, 'completed', null, p_run_output);
      end if;
    elsif not v_retry then
      perform run_engine.end_run(v_run.id, 'failed', coalesce(p_run_error, p_error, 'A step failed.'), null);
    end if;
  end if;
  perform run_engine.close_if_settled(v_run.id);
  return v_step;
end;
$$;
comment on function run_engine.finish_attempt(uuid, text, integer, text, jsonb, jsonb, text, jsonb, jsonb, text, timestamptz) is
  'Ends a step attempt in one transaction, guarded by its lease: the step''s state, successors and promotions, then its exact settlement (keyed by the attempt), the return to the hold, the credits, the event and the run''s end. Null when the lease is not the caller''s.';
