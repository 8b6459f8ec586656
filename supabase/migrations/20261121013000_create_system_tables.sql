-- System: security audit log, in-app notifications, the email outbox and data requests.
--
-- audit_logs is append-only and, like the credit ledger, outlives the user: on account deletion
-- the actor is set null and the entry stays. data_requests keeps the record that an export or a
-- deletion was carried out (anonymised the same way). The email outbox is private to the server.
-- (rate_limit_buckets, also a system table, is created by 20261121000100_create_rate_limiter.sql.)

-- Refuses updates and deletes except the FK's anonymising update of the column named in
-- tg_argv[0] (set to null, everything else unchanged).
create or replace function private.refuse_changes_except_anonymisation()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_column text := tg_argv[0];
begin
  if tg_op = 'UPDATE' then
    if (to_jsonb(old) ->> v_column) is not null
       and (to_jsonb(new) ->> v_column) is null
       and (to_jsonb(new) - v_column) = (to_jsonb(old) - v_column) then
      return new;
    end if;
  end if;
  raise exception '%.% is append-only (% refused)', tg_table_schema, tg_table_name, lower(tg_op)
    using errcode = '42501';
end;
$$;
comment on function private.refuse_changes_except_anonymisation() is
  'Trigger: makes a table append-only, allowing only ON DELETE SET NULL of the column named in the trigger argument.';
revoke execute on function private.refuse_changes_except_anonymisation() from public, anon, authenticated;

-- ---------------------------------------------------------------------------------------------
-- audit_logs
-- ---------------------------------------------------------------------------------------------
create table public.audit_logs (
  id uuid primary key default gen_random_uuid(),
  actor_id uuid references auth.users (id) on delete set null,
  action text not null check (action ~ '^[a-z_]+(\.[a-z_]+)+$'),
  target_type text,
  target_id text,
  ip inet,
  user_agent text,
  request_id text,
  metadata jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now()
);
comment on table public.audit_logs is
  'Security-relevant actions (e.g. account.delete, billing.plan_change, admin.webhook_replay). Append-only; kept after account deletion with actor_id set null. Users read their own, admins all.';

create index audit_logs_actor_id_created_at_idx on public.audit_logs (actor_id, created_at desc);
create index audit_logs_action_created_at_idx on public.audit_logs (action, created_at desc);

create trigger audit_logs_append_only
  before update or delete on public.audit_logs
  for each row execute function private.refuse_changes_except_anonymisation('actor_id');

create trigger audit_logs_no_truncate
  before truncate on public.audit_logs
  for each statement execute function private.refuse_changes_except_anonymisation('actor_id');

alter table public.audit_logs enable row level security;
revoke all on table public.audit_logs from anon, authenticated, service_role;
grant select on table public.audit_logs to authenticated;
grant select, insert on table public.audit_logs to service_role;

create policy "Users can read their own audit entries"
  on public.audit_logs for select to authenticated
  using (actor_id = (select auth.uid()));

create policy "Admins can read the audit log"
  on public.audit_logs for select to authenticated
  using ((select private.is_admin()));

-- ---------------------------------------------------------------------------------------------
-- notifications
-- ---------------------------------------------------------------------------------------------
create table public.notifications (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  kind text not null check (kind in ('usage_alert', 'billing', 'team_run', 'workflow', 'support', 'product', 'system')),
  title text not null check (char_length(title) between 1 and 200),
  body text not null default '',
  link text,
  read_at timestamptz,
  created_at timestamptz not null default now()
);
comment on table public.notifications is
  'In-app notifications. Created by the server; users read, mark read and dismiss their own.';

create index notifications_user_id_created_at_idx on public.notifications (user_id, created_at desc);
-- The unread badge.
create index notifications_user_id_unread_idx on public.notifications (user_id) where read_at is null;

alter table public.notifications enable row level security;
revoke all on table public.notifications from anon, authenticated;
grant select, delete on table public.notifications to authenticated;
grant update (read_at) on table public.notifications to authenticated;
grant select, insert, update, delete on table public.notifications to service_role;

create policy "Users can read their own notifications"
  on public.notifications for select to authenticated
  using (user_id = (select auth.uid()));

create policy "Users can mark their own notifications read"
  on public.notifications for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));

create policy "Users can dismiss their own notifications"
  on public.notifications for delete to authenticated
  using (user_id = (select auth.uid()));

-- ---------------------------------------------------------------------------------------------
-- email_outbox (private)
-- ---------------------------------------------------------------------------------------------
create table public.email_outbox (
  id uuid primary key default gen_random_uuid(),
  -- Pending mail to a deleted user is dropped with them (cascade).
  user_id uuid references auth.users (id) on delete cascade,
  to_email text not null check (char_length(to_email) between 3 and 320),
  template text not null check (template ~ '^[a-z_]+$'),
  payload jsonb not null default '{}'::jsonb,
  status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed')),
  attempts integer not null default 0 check (attempts >= 0),
  last_error text,
  send_after timestamptz not null default now(),
  sent_at timestamptz,
  created_at timestamptz not null default now()
);
comment on table public.email_outbox is
  'Transactional email queue (usage alerts, receipts, data export ready). Private: RLS on and no policy; only the service role reads or writes.';

create index email_outbox_user_id_idx on public.email_outbox (user_id);
-- The sender's scan: pending mail that is due.
create index email_outbox_pending_send_after_idx on public.email_outbox (send_after) where status = 'pending';

alter table public.email_outbox enable row level security;
revoke all on table public.email_outbox from anon, authenticated;
grant select, insert, update, delete on table public.email_outbox to service_role;
-- No policies on purpose: addresses and payloads of queued mail are for the sender only.

-- ---------------------------------------------------------------------------------------------
-- data_requests
-- ---------------------------------------------------------------------------------------------
create table public.data_requests (
  id uuid primary key default gen_random_uuid(),
  user_id uuid references auth.users (id) on delete set null,
  kind text not null check (kind in ('export', 'deletion')),
  status text not null default 'pending' check (status in ('pending', 'processing', 'completed', 'failed')),
  error text,
  requested_at timestamptz not null default now(),
  completed_at timestamptz
);
comment on table public.data_requests is
  'Export and deletion requests and their state, written by the account functions. Kept after the account is deleted (user_id set null) as the record that the deletion was done.';

create index data_requests_user_id_requested_at_idx on public.data_requests (user_id, requested_at desc);

alter table public.data_requests enable row level security;
revoke all on table public.data_requests from anon, authenticated;
grant select on table public.data_requests to authenticated;
grant select, insert, update on table public.data_requests to service_role;

create policy "Users can read their own data requests"
  on public.data_requests for select to authenticated
  using (user_id = (select auth.uid()));

create policy "Admins can read every data request"
  on public.data_requests for select to authenticated
  using ((select private.is_admin()));
