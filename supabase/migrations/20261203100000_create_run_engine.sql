-- The run engine (DESIGN.md §10, docs/decisions/0024): one durable engine for every multi-step
-- job — team runs now, workflow runs later — with Postgres as the truth and the queue.
--
-- * public.runs: one row per run (owner, kind, status, budget, what is spent and in flight, the
--   cancel request, the per-run event counter).
-- * public.run_steps: the steps, a graph by key (`depends_on`): a step is `waiting` until every
--   step it depends on is `completed`, then `ready`; workers claim ready steps with
--   `for update skip locked` and a lease, and finish them in one transaction.
-- * public.run_events: append-only, `seq` per run, for live views and catch-up after a reload.
--
-- Money: a run holds its whole budget from the user's balance when it starts (a reservation keyed
-- `run:<run>:hold`); each step attempt moves its maximum cost out of the hold into a reservation
-- of its own (`run:<run>:step:<key>:attempt:<n>`), which billing.settle_call settles exactly like
-- any model call; the unused part goes back to the hold; when the run ends and nothing is in
-- flight the hold is released. So the balance is never touched twice and a run can never spend
-- more than its budget: the hold is all it can draw from.
--
-- Every write goes through the run_engine.* functions below (security definer, service role only).
-- Lock order everywhere: the run row, then step rows, then the credit account, then reservations —
-- the billing functions' own order (account, then reservation) continues it, so no deadlocks.
-- Every change to a claimed step is guarded by its lease (lease_owner and attempt), so a late or
-- superseded worker changes nothing and charges nothing.

-- ---------------------------------------------------------------------------------------------
-- The default budget of a team run, a user setting.
-- ---------------------------------------------------------------------------------------------
alter table public.user_settings
  add column default_run_budget_credits bigint not null default 200000
    check (default_run_budget_credits between 1 and 1000000000);
comment on column public.user_settings.default_run_budget_credits is
  'Credit budget a new team run starts with when the request names none (capped by the plan at start).';
grant update (default_run_budget_credits) on table public.user_settings to authenticated;

-- ---------------------------------------------------------------------------------------------
-- A run's hold may be drawn down to zero while its steps are in flight.
-- ---------------------------------------------------------------------------------------------
alter table public.credit_reservations drop constraint credit_reservations_amount_check;
alter table public.credit_reservations add constraint credit_reservations_amount_check check (amount >= 0);

-- ---------------------------------------------------------------------------------------------
-- runs
-- ---------------------------------------------------------------------------------------------
create table public.runs (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  kind text not null check (kind in ('team_run', 'workflow')),
  status text not null default 'running'
    check (status in ('running', 'completed', 'failed', 'cancelled', 'budget_exceeded')),
  title text not null check (char_length(title) between 1 and 200),
  budget_credits bigint not null check (budget_credits > 0),
  spent_credits bigint not null default 0 check (spent_credits >= 0),
  reserved_credits bigint not null default 0 check (reserved_credits >= 0),
  step_count integer not null default 0 check (step_count between 0 and 20),
  output jsonb,
  error text,
  cancel_requested_at timestamptz,
  last_event_seq bigint not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz,
  -- Set when the hold was released: the run ended and no step is in flight any more.
  closed_at timestamptz,
  check (spent_credits + reserved_credits <= budget_credits),
  check ((status = 'running') = (finished_at is null)),
  check (closed_at is null or finished_at is not null)
);
comment on table public.runs is
  'A multi-step job of the run engine (team run, workflow run): status, budget, spent and in-flight credits. Written only by run_engine.* functions; users read their own.';
comment on column public.runs.spent_credits is 'Credits settled by the run''s step attempts; equals the sum of run_steps.credits_charged and of the run''s usage ledger rows.';
comment on column public.runs.reserved_credits is 'Credits reserved by step attempts in flight (moved out of the hold).';
comment on column public.runs.last_event_seq is 'The seq of the newest run_events row: events are numbered under this row''s lock, so seq order is commit order.';

create index runs_user_id_created_at_idx on public.runs (user_id, created_at desc);
-- The sweeper's scan for runs that ended but still hold credits.
create index runs_unclosed_idx on public.runs (finished_at) where closed_at is null and finished_at is not null;

create trigger runs_set_updated_at
  before update on public.runs
  for each row execute function private.set_updated_at();

alter table public.runs enable row level security;
revoke all on table public.runs from anon, authenticated, service_role;
grant select on table public.runs to authenticated, service_role;

create policy "Users can read their own runs"
  on public.runs for select to authenticated
  using (user_id = (select auth.uid()));

-- ---------------------------------------------------------------------------------------------
-- run_steps
-- ---------------------------------------------------------------------------------------------
create table public.run_steps (
  id uuid primary key default gen_random_uuid(),
  run_id uuid not null references public.runs (id) on delete cascade,
  key text not null check (key ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
  -- What the kind's code does with the step ('plan', 'contribution', 'synthesis', ...).
  kind text not null check (char_length(kind) between 1 and 40),
  position integer not null check (position >= 0),
  depends_on text[] not null default '{}',
  status text not null default 'waiting'
    check (status in ('waiting', 'ready', 'running', 'completed', 'failed', 'cancelled', 'skipped')),
  -- Readable by the owner: never a system prompt (prompts are loaded server-side at execution).
  input jsonb not null default '{}'::jsonb check (jsonb_typeof(input) = 'object'),
  output jsonb,
  error text,
  attempt integer not null default 0 check (attempt >= 0),
  max_attempts integer not null default 3 check (max_attempts between 1 and 5),
  next_attempt_at timestamptz not null default now(),
  lease_owner text,
  lease_expires_at timestamptz,
  -- The call and its maximum size, so the claim can reserve before any code runs.
  provider text not null check (provider in ('openai', 'anthropic', 'google', 'perplexity')),
  model text not null check (char_length(model) between 1 and 100),
  reserve_input_tokens bigint not null check (reserve_input_tokens >= 0),
  max_output_tokens integer not null check (max_output_tokens between 1 and 65536),
  -- The reservation of the attempt in flight.
  reserved_credits bigint not null default 0 check (reserved_credits >= 0),
  -- Totals over every attempt (each attempt is also its own token_usage row).
  input_tokens bigint not null default 0 check (input_tokens >= 0),
  output_tokens bigint not null default 0 check (output_tokens >= 0),
  cached_tokens bigint not null default 0 check (cached_tokens >= 0),
  credits_charged bigint not null default 0 check (credits_charged >= 0),
  -- Of the last attempt.
  latency_ms integer check (latency_ms >= 0),
  estimated boolean not null default false,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  unique (run_id, key),
  check ((status = 'running') = (lease_owner is not null))
);
comment on table public.run_steps is
  'Steps of a run: a graph by key (depends_on), each claimed under a lease, attempted up to max_attempts times, with usage and credits over all attempts. Written only by run_engine.* functions; users read steps of their own runs.';
comment on column public.run_steps.depends_on is 'Keys of steps of the same run that must be completed before this one becomes ready.';
comment on column public.run_steps.reserve_input_tokens is 'Prompt tokens the claim reserves for (an over-estimate, as for chat).';

-- run_id: the unique (run_id, key) index covers the FK.
-- The claim: ready steps by due time.
create index run_steps_ready_idx on public.run_steps (next_attempt_at) where status = 'ready';
-- The sweeper: running steps by lease expiry.
create index run_steps_running_lease_idx on public.run_steps (lease_expires_at) where status = 'running';

alter table public.run_steps enable row level security;
revoke all on table public.run_steps from anon, authenticated, service_role;
grant select on table public.run_steps to authenticated, service_role;

create policy "Users can read steps of their own runs"
  on public.run_steps for select to authenticated
  using (exists (select 1 from public.runs r where r.id = run_steps.run_id and r.user_id = (select auth.uid())));

-- ---------------------------------------------------------------------------------------------
-- run_events
-- ---------------------------------------------------------------------------------------------
create table public.run_events (
  run_id uuid not null references public.runs (id) on delete cascade,
  seq bigint not null check (seq > 0),
  type text not null
    check (type in ('run_started', 'step_started', 'step_delta', 'step_finished', 'step_retrying',
                    'step_failed', 'run_status')),
  step_key text,
  attempt integer,
  data jsonb not null default '{}'::jsonb check (jsonb_typeof(data) = 'object'),
  created_at timestamptz not null default now(),
  primary key (run_id, seq)
);
comment on table public.run_events is
  'Append-only event log per run (seq per run, in commit order): step started, coalesced text deltas (a few per second per step, never one per token), step finished with usage and credits, run status. Live views read seq > last.';

alter table public.run_events enable row level security;
revoke all on table public.run_events from anon, authenticated, service_role;
grant select on table public.run_events to authenticated, service_role;

create policy "Users can read events of their own runs"
  on public.run_events for select to authenticated
  using (exists (select 1 from public.runs r where r.id = run_events.run_id and r.user_id = (select auth.uid())));

-- ---------------------------------------------------------------------------------------------
-- billing: the hold of a run and the reservations of its steps.
-- ---------------------------------------------------------------------------------------------
create function billing.take_from_hold(
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

create function billing.return_to_hold(p_hold_request_id text, p_request_id text)
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_hold public.credit_reservations;
  v_step public.credit_reservations;
  v_account public.credit_accounts;
  v_back bigint;
begin
  select * into v_step from public.credit_reservations where request_id = p_request_id;
  if not found then
    raise exception 'RESERVATION_NOT_FOUND' using errcode = 'PT404';
  end if;
  v_account := private.lock_credit_account(v_step.user_id);
  select * into v_hold from public.credit_reservations where request_id = p_hold_request_id for update;
  select * into v_step from public.credit_reservations where id = v_step.id for update;
  if v_step.status = 'active' or v_step.details ? 'returned_to_hold' then
    return 0;
  end if;
  v_back := 0;
  if v_hold.status = 'active' then
    -- What the step reserved and did not charge; never more than is spendable now (the allowance
    -- may have lapsed meanwhile).
    v_back := least(
      v_step.amount - coalesce(v_step.charged_allowance, 0) - coalesce(v_step.charged_purchased, 0),
      (private.credit_balance_of(v_account)).available
    );
    v_back := greatest(v_back, 0);
    update public.credit_reservations set amount = amount + v_back where id = v_hold.id;
    update public.credit_accounts set reserved_balance = reserved_balance + v_back where user_id = v_step.user_id;
  end if;
  update public.credit_reservations
  set details = details || jsonb_build_object('returned_to_hold', v_back)
  where id = v_step.id;
  return v_back;
end;
$$;
comment on function billing.return_to_hold(text, text) is
  'After a step reservation was settled or released: puts what it did not charge back into the run''s hold. Idempotent (marks the step reservation).';

revoke execute on function
  billing.take_from_hold(text, bigint, text, interval),
  billing.return_to_hold(text, text)
from public, anon, authenticated;
grant execute on function
  billing.take_from_hold(text, bigint, text, interval),
  billing.return_to_hold(text, text)
to service_role;

-- ---------------------------------------------------------------------------------------------
-- run_engine: the engine's statements, one round trip each.
-- ---------------------------------------------------------------------------------------------
create schema run_engine;
comment on schema run_engine is 'The run engine''s functions (claim, finish, cancel, sweep); executable by service_role only.';
revoke all on schema run_engine from public;
grant usage on schema run_engine to service_role;

create function run_engine.hold_id(p_run_id uuid)
returns text
language sql
immutable
as $$ select 'run:' || p_run_id::text || ':hold' $$;

create function run_engine.attempt_request_id(p_run_id uuid, p_key text, p_attempt integer)
returns text
language sql
immutable
as $$ select 'run:' || p_run_id::text || ':step:' || p_key || ':attempt:' || p_attempt::text $$;
comment on function run_engine.attempt_request_id(uuid, text, integer) is
  'The reservation / token_usage request id of a step attempt, and so its settlement''s idempotency key.';

-- Appends an event under the run row's lock (the caller holds it or takes it here).
create function run_engine.emit(p_run_id uuid, p_type text, p_step_key text, p_attempt integer, p_data jsonb)
returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_seq bigint;
begin
  update public.runs set last_event_seq = last_event_seq + 1 where id = p_run_id returning last_event_seq into v_seq;
  insert into public.run_events (run_id, seq, type, step_key, attempt, data)
  values (p_run_id, v_seq, p_type, p_step_key, p_attempt, coalesce(p_data, '{}'::jsonb));
  return v_seq;
end;
$$;

-- Releases the hold once the run has ended and nothing is in flight.
create function run_engine.close_if_settled(p_run_id uuid)
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_run public.runs;
begin
  select * into v_run from public.runs where id = p_run_id;
  if v_run.status = 'running' or v_run.closed_at is not null then
    return;
  end if;
  if exists (select 1 from public.run_steps where run_id = p_run_id and status = 'running') then
    return;
  end if;
  perform billing.release_reservation(run_engine.hold_id(p_run_id));
  update public.runs set closed_at = now() where id = p_run_id;
  perform run_engine.emit(p_run_id, 'run_status', null, null,
    jsonb_build_object('status', v_run.status, 'closed', true, 'spent_credits', v_run.spent_credits,
                       'error', v_run.error));
end;
$$;

-- Ends a running run: the steps that have not started are marked, an event says why.
create function run_engine.end_run(p_run_id uuid, p_status text, p_error text, p_output jsonb)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.runs
  set status = p_status, error = p_error, output = coalesce(p_output, output), finished_at = now(),
      cancel_requested_at = case when p_status = 'cancelled' then now() else cancel_requested_at end
  where id = p_run_id and status = 'running';
  if not found then
    return;
  end if;
  update public.run_steps
  set status = case when p_status = 'cancelled' then 'cancelled' else 'skipped' end
  where run_id = p_run_id and status in ('waiting', 'ready');
  perform run_engine.emit(p_run_id, 'run_status', null, null,
    jsonb_build_object('status', p_status, 'error', p_error, 'closed', false));
  perform run_engine.close_if_settled(p_run_id);
end;
$$;

-- Inserts steps of a run (at creation, or successors from a finished step).
create function run_engine.add_steps(p_run_id uuid, p_steps jsonb)
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_count integer;
begin
  if p_steps is null or jsonb_array_length(p_steps) = 0 then
    return 0;
  end if;
  with added as (
    insert into public.run_steps (run_id, key, kind, position, depends_on, status, input, provider, model,
                                  reserve_input_tokens, max_output_tokens, max_attempts)
    select p_run_id, s.key, s.kind, s.position, coalesce(s.depends_on, '{}'),
           case when coalesce(cardinality(s.depends_on), 0) = 0
                  or not exists (
                    select 1 from unnest(s.depends_on) d(key)
                    where not exists (select 1 from public.run_steps o
                                      where o.run_id = p_run_id and o.key = d.key and o.status = 'completed'))
                then 'ready' else 'waiting' end,
           coalesce(s.input, '{}'::jsonb), s.provider, s.model, s.reserve_input_tokens, s.max_output_tokens,
           coalesce(s.max_attempts, 3)
    from jsonb_to_recordset(p_steps) as s(key text, kind text, position integer, depends_on text[], input jsonb,
                                          provider text, model text, reserve_input_tokens bigint,
                                          max_output_tokens integer, max_attempts integer)
    returning 1
  )
  select count(*) into v_count from added;
  -- The step cap (runs.step_count check) refuses a 21st step.
  update public.runs set step_count = step_count + v_count where id = p_run_id;
  return v_count;
end;
$$;

-- ---------------------------------------------------------------------------------------------
-- create_run: the run, its first steps, the budget hold and the first event, in one transaction.
-- ---------------------------------------------------------------------------------------------
create function run_engine.create_run(
  p_run_id uuid,
  p_user_id uuid,
  p_kind text,
  p_title text,
  p_budget bigint,
  p_steps jsonb,
  p_hold_ttl interval default '6 hours'
)
returns public.runs
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_run public.runs;
begin
  insert into public.runs (id, user_id, kind, title, budget_credits)
  values (p_run_id, p_user_id, p_kind, p_title, p_budget)
  returning * into v_run;
  -- Raises PT402 INSUFFICIENT_CREDITS when the balance cannot cover the budget.
  perform billing.reserve_credits(p_user_id, p_budget, run_engine.hold_id(p_run_id), p_hold_ttl);
  perform run_engine.add_steps(p_run_id, p_steps);
  perform run_engine.emit(p_run_id, 'run_started', null, null,
    jsonb_build_object('kind', p_kind, 'budget_credits', p_budget));
  select * into v_run from public.runs where id = p_run_id;
  return v_run;
end;
$$;

-- ---------------------------------------------------------------------------------------------
-- claim_steps: up to p_limit ready steps, each with its lease and its reservation out of the hold.
-- ---------------------------------------------------------------------------------------------
create function run_engine.claim_steps(
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

-- ---------------------------------------------------------------------------------------------
-- renew_leases: the heartbeat of a worker's steps in flight; says which to keep going.
-- ---------------------------------------------------------------------------------------------
create function run_engine.renew_leases(
  p_worker text,
  p_step_ids uuid[],
  p_lease interval,
  p_now timestamptz default now()
)
returns table (step_id uuid, keep boolean)
language plpgsql
security definer
set search_path = ''
as $$
begin
  return query
  with renewed as (
    update public.run_steps s
    set lease_expires_at = p_now + p_lease
    where s.id = any (p_step_ids) and s.lease_owner = p_worker and s.status = 'running'
    returning s.id, s.run_id
  )
  -- A run out of budget lets the steps it already paid for finish; cancelled or failed runs stop them.
  select ids.id, exists (
    select 1 from renewed n join public.runs r on r.id = n.run_id
    where n.id = ids.id and r.status in ('running', 'budget_exceeded')
  )
  from unnest(p_step_ids) as ids(id);
end;
$$;

-- ---------------------------------------------------------------------------------------------
-- append_delta: coalesced streamed text of a step attempt (only its lease holder's).
-- ---------------------------------------------------------------------------------------------
create function run_engine.append_delta(p_step_id uuid, p_worker text, p_attempt integer, p_text text)
returns boolean
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_step public.run_steps;
begin
  select * into v_step from public.run_steps where id = p_step_id;
  -- Lock the run row first (the event counter), then re-check the lease.
  perform 1 from public.runs where id = v_step.run_id for update;
  select * into v_step from public.run_steps
  where id = p_step_id and lease_owner = p_worker and attempt = p_attempt and status = 'running';
  if not found then
    return false;
  end if;
  perform run_engine.emit(v_step.run_id, 'step_delta', v_step.key, p_attempt, jsonb_build_object('text', p_text));
  return true;
end;
$$;

-- ---------------------------------------------------------------------------------------------
-- finish_attempt: the one transaction that ends a step attempt.
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
create function run_engine.finish_attempt(
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

-- ---------------------------------------------------------------------------------------------
-- cancel_run: the owner's Cancel. Null when the run is not the user's; a run that already ended
-- is returned unchanged (cancelling twice is a no-op).
-- ---------------------------------------------------------------------------------------------
create function run_engine.cancel_run(p_run_id uuid, p_user_id uuid)
returns public.runs
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_run public.runs;
begin
  select * into v_run from public.runs where id = p_run_id and user_id = p_user_id for update;
  if not found then
    return null;
  end if;
  if v_run.status = 'running' then
    perform run_engine.end_run(p_run_id, 'cancelled', 'Cancelled by you.', null);
    select * into v_run from public.runs where id = p_run_id;
  end if;
  return v_run;
end;
$$;

-- ---------------------------------------------------------------------------------------------
-- sweep: recovers step attempts whose lease expired (the worker died) and closes ended runs that
-- still hold credits. A dead attempt is charged once, from what it streamed (its delta events, an
-- estimate as for chat), or released if it streamed nothing; then it is retried (or fails).
-- Returns how many attempts it recovered and whether steps are ready (to re-dispatch a worker).
-- ---------------------------------------------------------------------------------------------
create function run_engine.sweep(p_now timestamptz default now(), p_limit integer default 100, p_run_ids uuid[] default null)
returns table (recovered integer, closed integer, ready integer)
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_candidate record;
  v_step public.run_steps;
  v_text text;
  v_recovered integer := 0;
  v_closed integer := 0;
begin
  for v_candidate in
    select s.id, s.run_id from public.run_steps s
    where s.status = 'running' and s.lease_expires_at < p_now
      and (p_run_ids is null or s.run_id = any (p_run_ids))
    order by s.lease_expires_at
    limit p_limit
  loop
    -- Run row first, as everywhere; a run busy elsewhere waits for the next sweep.
    perform 1 from public.runs where id = v_candidate.run_id for update skip locked;
    continue when not found;
    select * into v_step from public.run_steps
    where id = v_candidate.id and status = 'running' and lease_expires_at < p_now for update;
    continue when not found;
    select string_agg(e.data ->> 'text', '' order by e.seq) into v_text
    from public.run_events e
    where e.run_id = v_step.run_id and e.step_key = v_step.key and e.attempt = v_step.attempt and e.type = 'step_delta';
    perform run_engine.finish_attempt(
      v_step.id, v_step.lease_owner, v_step.attempt, 'retry', null,
      case when coalesce(v_text, '') = '' then null else jsonb_build_object(
        -- The estimate of the chat path: a prompt token per four characters (reserved at two), an
        -- output token per four streamed characters.
        'input_tokens', ceil(v_step.reserve_input_tokens / 2.0),
        'output_tokens', ceil(char_length(v_text) / 4.0),
        'estimated', true) end,
      'The worker stopped answering; retrying.',
      null, null, null,
      p_now + interval '1 second' * power(4, v_step.attempt - 1));
    v_recovered := v_recovered + 1;
  end loop;

  for v_candidate in
    select r.id from public.runs r
    where r.closed_at is null and r.finished_at is not null
      and (p_run_ids is null or r.id = any (p_run_ids))
      and not exists (select 1 from public.run_steps s where s.run_id = r.id and s.status = 'running')
    limit p_limit
    for update skip locked
  loop
    perform run_engine.close_if_settled(v_candidate.id);
    v_closed := v_closed + 1;
  end loop;

  return query select v_recovered, v_closed,
    (select count(*)::integer from public.run_steps s join public.runs r on r.id = s.run_id
     where s.status = 'ready' and r.status = 'running' and (p_run_ids is null or r.id = any (p_run_ids)));
end;
$$;

-- ---------------------------------------------------------------------------------------------
-- Privileges: service role only.
-- ---------------------------------------------------------------------------------------------
revoke execute on all functions in schema run_engine from public, anon, authenticated;
grant execute on all functions in schema run_engine to service_role;
