-- Usage: one token_usage row per model call, and the usage alerts shown on the dashboard.
--
-- token_usage is written by the LLM gateway (service role) after settling the call; users read
-- their own for the usage charts. The dashboard's hot query is "this user's usage between two
-- dates, summed", served by a covering index. The session/message columns are linked to chat by
-- 20261121009000_create_chat_tables.sql once those tables exist.

-- ---------------------------------------------------------------------------------------------
-- token_usage
-- ---------------------------------------------------------------------------------------------
create table public.token_usage (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  request_id text not null unique check (char_length(request_id) between 1 and 200),
  provider text not null check (provider in ('openai', 'anthropic', 'google', 'perplexity')),
  model text not null,
  feature text not null default 'proxy' check (feature in ('proxy', 'chat', 'team_run', 'workflow')),
  input_tokens bigint not null default 0 check (input_tokens >= 0),
  output_tokens bigint not null default 0 check (output_tokens >= 0),
  cached_tokens bigint not null default 0 check (cached_tokens >= 0),
  credits_charged bigint not null default 0 check (credits_charged >= 0),
  latency_ms integer check (latency_ms >= 0),
  status text not null check (status in ('ok', 'error', 'stopped')),
  estimated boolean not null default false,
  session_id uuid,
  message_id uuid,
  created_at timestamptz not null default now()
);
comment on table public.token_usage is
  'One row per metered model call: tokens, credits charged, latency, outcome. Written by the gateway (service role); users read their own.';
comment on column public.token_usage.input_tokens is 'Prompt tokens billed at the input rate (cached prompt tokens excluded).';
comment on column public.token_usage.estimated is 'True when the provider never reported usage (client left mid-stream) and the cost was estimated from the streamed text.';

-- Monthly usage sum and the usage chart: one index range scan, no heap visits for the totals.
create index token_usage_user_id_created_at_idx on public.token_usage (user_id, created_at desc)
  include (credits_charged, input_tokens, output_tokens, cached_tokens, provider, model);
create index token_usage_session_id_idx on public.token_usage (session_id) where session_id is not null;
create index token_usage_message_id_idx on public.token_usage (message_id) where message_id is not null;

alter table public.token_usage enable row level security;
revoke all on table public.token_usage from anon, authenticated;
grant select on table public.token_usage to authenticated;
grant select, insert, update, delete on table public.token_usage to service_role;

create policy "Users can read their own token usage"
  on public.token_usage for select to authenticated
  using (user_id = (select auth.uid()));

create policy "Admins can read all token usage"
  on public.token_usage for select to authenticated
  using ((select private.is_admin()));

-- ---------------------------------------------------------------------------------------------
-- usage_alerts
-- ---------------------------------------------------------------------------------------------
create table public.usage_alerts (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  period_start timestamptz not null,
  threshold_percent integer not null check (threshold_percent in (50, 80, 90, 100)),
  kind text not null check (kind in ('warning', 'critical', 'limit_reached')),
  used_credits bigint not null check (used_credits >= 0),
  allowance_credits bigint not null check (allowance_credits >= 0),
  triggered_at timestamptz not null default now(),
  acknowledged_at timestamptz,
  -- One alert per threshold per allowance period: the alert job can run as often as it likes.
  unique (user_id, period_start, threshold_percent)
);
comment on table public.usage_alerts is
  'Allowance usage thresholds crossed (50/80/90/100%), one per threshold per period. Written by the usage-alert job; users read and acknowledge theirs.';

-- user_id: the unique constraint's index (user_id, period_start, ...) covers the FK.

alter table public.usage_alerts enable row level security;
revoke all on table public.usage_alerts from anon, authenticated;
grant select on table public.usage_alerts to authenticated;
grant update (acknowledged_at) on table public.usage_alerts to authenticated;
grant select, insert, update, delete on table public.usage_alerts to service_role;

create policy "Users can read their own usage alerts"
  on public.usage_alerts for select to authenticated
  using (user_id = (select auth.uid()));

create policy "Users can acknowledge their own usage alerts"
  on public.usage_alerts for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));
