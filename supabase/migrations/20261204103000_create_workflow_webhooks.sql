-- Webhook triggers of workflows (docs/decisions/0042): POST /api/hooks/workflows/:token.
--
-- * workflow_webhooks: one per workflow. The token is random (shown once by the function that
--   makes it) and stored only as its SHA-256; `token_hint` is its last four characters, so the
--   owner can tell which one is live. Made and rotated by the function (service role); revoking
--   is deleting, which the owner may do.
-- * workflow_webhook_secrets: the optional signing secret that makes the hook require an
--   HMAC-SHA256 signature of the body. It must be kept to verify, so it is stored; private (RLS
--   on, no policy): shown once when made, never readable through the API.
-- * workflow_webhook_deliveries: Idempotency-Key → run, per workflow, kept 24 h: the same key
--   within 24 h answers the same run. Private (RLS on, no policy).

create table public.workflow_webhooks (
  workflow_id uuid primary key references public.automation_workflows (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  token_hint text not null check (char_length(token_hint) = 4),
  signed boolean not null default false,
  created_at timestamptz not null default now()
);
comment on table public.workflow_webhooks is
  'A workflow''s webhook trigger: the SHA-256 of its token (shown once) and a hint. Created and rotated by the function; owners read it and revoke (delete).';
comment on column public.workflow_webhooks.signed is 'Deliveries must carry an HMAC-SHA256 signature (x-signature) made with the secret in workflow_webhook_secrets.';

create index workflow_webhooks_user_id_idx on public.workflow_webhooks (user_id);

alter table public.workflow_webhooks enable row level security;
revoke all on table public.workflow_webhooks from anon, authenticated;
grant select on table public.workflow_webhooks to authenticated;
grant delete on table public.workflow_webhooks to authenticated;
grant select, insert, update, delete on table public.workflow_webhooks to service_role;

create policy "Users can see the webhooks of their own workflows"
  on public.workflow_webhooks for select to authenticated
  using (user_id = (select auth.uid()));

create policy "Users can revoke the webhooks of their own workflows"
  on public.workflow_webhooks for delete to authenticated
  using (user_id = (select auth.uid()));

create table public.workflow_webhook_secrets (
  workflow_id uuid primary key references public.workflow_webhooks (workflow_id) on delete cascade,
  secret text not null check (char_length(secret) >= 32)
);
comment on table public.workflow_webhook_secrets is
  'HMAC signing secrets of signed workflow webhooks. Private: shown once when made, read only by the webhook function.';

alter table public.workflow_webhook_secrets enable row level security;
revoke all on table public.workflow_webhook_secrets from anon, authenticated;
grant select, insert, update, delete on table public.workflow_webhook_secrets to service_role;

create table public.workflow_webhook_deliveries (
  workflow_id uuid not null references public.automation_workflows (id) on delete cascade,
  idempotency_key text not null check (char_length(idempotency_key) between 1 and 200),
  -- The run this delivery started; recorded before the run exists (removed if it cannot start).
  run_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (workflow_id, idempotency_key)
);
comment on table public.workflow_webhook_deliveries is
  'Idempotency keys of webhook deliveries (24 h): the same key answers the same run. Private: written and read by the webhook function only.';

alter table public.workflow_webhook_deliveries enable row level security;
revoke all on table public.workflow_webhook_deliveries from anon, authenticated;
grant select, insert, update, delete on table public.workflow_webhook_deliveries to service_role;
