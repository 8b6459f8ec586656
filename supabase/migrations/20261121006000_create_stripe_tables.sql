-- Stripe: customers, the subscription mirror and the webhook's bookkeeping (DESIGN.md §5).
--
-- stripe_customers is private (RLS on, no policy): a customer id is only useful to the server.
-- subscriptions mirrors Stripe for the SPA's billing page; the webhook writes it with the service
-- role, ordering updates by stripe_event_created_at rather than by arrival. stripe_events is the
-- idempotency gate (insert the event id first; a duplicate insert means "already seen"),
-- webhook_audit_log records every delivery and failed_webhook_events is the dead-letter queue an
-- admin can replay. Admins read the last three for the webhook-health page.

-- ---------------------------------------------------------------------------------------------
-- stripe_customers (private)
-- ---------------------------------------------------------------------------------------------
create table public.stripe_customers (
  user_id uuid primary key references auth.users (id) on delete cascade,
  customer_id text not null unique check (customer_id ~ '^cus_'),
  created_at timestamptz not null default now()
);
comment on table public.stripe_customers is
  'Stripe customer per user, created once. Private: RLS on and no policy, only the service role reads or writes it.';

alter table public.stripe_customers enable row level security;
revoke all on table public.stripe_customers from anon, authenticated;
grant select, insert, update, delete on table public.stripe_customers to service_role;
-- No policies on purpose: users never need their Stripe customer id (the portal is opened server-side).

-- ---------------------------------------------------------------------------------------------
-- subscriptions (mirror of Stripe)
-- ---------------------------------------------------------------------------------------------
create table public.subscriptions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  stripe_subscription_id text not null unique check (stripe_subscription_id ~ '^sub_'),
  stripe_customer_id text not null,
  stripe_price_id text,
  plan_id text not null references public.plans (id) on delete restrict,
  interval text not null check (interval in ('month', 'year')),
  status text not null
    check (status in ('incomplete', 'incomplete_expired', 'trialing', 'active', 'past_due', 'canceled', 'unpaid', 'paused')),
  current_period_start timestamptz,
  current_period_end timestamptz,
  cancel_at_period_end boolean not null default false,
  canceled_at timestamptz,
  ended_at timestamptz,
  stripe_created_at timestamptz not null,
  stripe_event_created_at timestamptz not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.subscriptions is
  'Mirror of the user''s Stripe subscriptions, written by the webhook. Users read their own.';
comment on column public.subscriptions.stripe_event_created_at is
  '`created` of the newest Stripe event applied to this row; the webhook ignores events older than it (events arrive out of order).';

-- stripe_subscription_id: the unique constraint's index serves the webhook's lookups.
create index subscriptions_user_id_idx on public.subscriptions (user_id);
create index subscriptions_plan_id_idx on public.subscriptions (plan_id);

create trigger subscriptions_set_updated_at
  before update on public.subscriptions
  for each row execute function private.set_updated_at();

alter table public.subscriptions enable row level security;
revoke all on table public.subscriptions from anon, authenticated;
grant select on table public.subscriptions to authenticated;
grant select, insert, update, delete on table public.subscriptions to service_role;

create policy "Users can read their own subscriptions"
  on public.subscriptions for select to authenticated
  using (user_id = (select auth.uid()));

create policy "Admins can read every subscription"
  on public.subscriptions for select to authenticated
  using ((select private.is_admin()));

-- ---------------------------------------------------------------------------------------------
-- stripe_events: one row per Stripe event id (the idempotency gate).
-- ---------------------------------------------------------------------------------------------
create table public.stripe_events (
  id text primary key check (id ~ '^evt_'),
  type text not null,
  status text not null default 'received'
    check (status in ('received', 'processing', 'processed', 'failed', 'dead_lettered', 'ignored')),
  attempts integer not null default 0 check (attempts >= 0),
  last_error text,
  payload jsonb not null,
  stripe_created_at timestamptz not null,
  received_at timestamptz not null default now(),
  processed_at timestamptz
);
comment on table public.stripe_events is
  'Every Stripe event received, keyed by event id: inserting first makes redelivery a no-op. Written by the webhook (service role); admins read it.';

-- The retry job scans failed events; the health page lists recent ones.
create index stripe_events_status_received_at_idx on public.stripe_events (status, received_at desc);

alter table public.stripe_events enable row level security;
revoke all on table public.stripe_events from anon, authenticated;
grant select on table public.stripe_events to authenticated;
grant select, insert, update, delete on table public.stripe_events to service_role;

create policy "Admins can read Stripe events"
  on public.stripe_events for select to authenticated
  using ((select private.is_admin()));

-- ---------------------------------------------------------------------------------------------
-- webhook_audit_log: one row per delivery attempt and outcome.
-- ---------------------------------------------------------------------------------------------
create table public.webhook_audit_log (
  id uuid primary key default gen_random_uuid(),
  -- Not a foreign key: deliveries with a bad signature are logged without an event row.
  event_id text,
  event_type text,
  outcome text not null
    check (outcome in ('received', 'duplicate', 'processed', 'failed', 'signature_invalid', 'dead_lettered', 'replayed', 'ignored')),
  message text,
  request_id text,
  source_ip inet,
  created_at timestamptz not null default now()
);
comment on table public.webhook_audit_log is
  'Audit trail of webhook deliveries (kept for accounting; no user data). Written by the webhook; admins read it.';

create index webhook_audit_log_event_id_idx on public.webhook_audit_log (event_id);
create index webhook_audit_log_created_at_idx on public.webhook_audit_log (created_at desc);

alter table public.webhook_audit_log enable row level security;
revoke all on table public.webhook_audit_log from anon, authenticated;
grant select on table public.webhook_audit_log to authenticated;
grant select, insert on table public.webhook_audit_log to service_role;

create policy "Admins can read the webhook audit log"
  on public.webhook_audit_log for select to authenticated
  using ((select private.is_admin()));

-- ---------------------------------------------------------------------------------------------
-- failed_webhook_events: the dead-letter queue.
-- ---------------------------------------------------------------------------------------------
create table public.failed_webhook_events (
  id uuid primary key default gen_random_uuid(),
  event_id text not null unique references public.stripe_events (id) on delete cascade,
  event_type text not null,
  failure_count integer not null default 1 check (failure_count > 0),
  last_error text,
  payload jsonb not null,
  replay_count integer not null default 0 check (replay_count >= 0),
  last_replayed_at timestamptz,
  resolved_at timestamptz,
  created_at timestamptz not null default now()
);
comment on table public.failed_webhook_events is
  'Dead-letter queue: events that failed 3 times. An admin replays them through /api/admin/webhooks/:id/replay.';

-- event_id: the unique constraint's index covers the FK.
create index failed_webhook_events_unresolved_idx on public.failed_webhook_events (created_at desc)
  where resolved_at is null;

alter table public.failed_webhook_events enable row level security;
revoke all on table public.failed_webhook_events from anon, authenticated;
grant select on table public.failed_webhook_events to authenticated;
grant select, insert, update, delete on table public.failed_webhook_events to service_role;

create policy "Admins can read dead-lettered webhook events"
  on public.failed_webhook_events for select to authenticated
  using ((select private.is_admin()));
