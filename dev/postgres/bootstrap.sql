-- Supabase bootstrap for the embedded local database.
--
-- Recreates what a hosted Supabase project (and `supabase start`) has before any app migration
-- runs: the API roles, the `auth` and `extensions` schemas, `auth.users` and friends, the
-- `auth.uid()/role()/email()/jwt()` helpers reading `request.jwt.claims`, and Supabase's grants and
-- default privileges. Sources: supabase/postgres init scripts, supabase/auth migrations and the
-- Supabase CLI (see ../shared/reference/supabase-local-api.md §3).
--
-- Idempotent: it runs on every start of the local platform, before the migrations.

-- ---------------------------------------------------------------------------------------------
-- Roles
-- ---------------------------------------------------------------------------------------------
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin inherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin inherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin inherit bypassrls;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticator') then
    create role authenticator login noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'supabase_auth_admin') then
    create role supabase_auth_admin login noinherit;
  end if;
end
$$;

-- Local-only passwords (the Supabase CLI uses "postgres" for every internal role too).
alter role authenticator with password 'postgres';
alter role supabase_auth_admin with password 'postgres';

grant anon, authenticated, service_role to authenticator;
grant anon, authenticated, service_role to postgres;

alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';
alter role authenticator set statement_timeout = '8s';
alter role authenticator set lock_timeout = '8s';
alter role supabase_auth_admin set search_path = auth;
alter role postgres set search_path = "$user", public, extensions;

-- ---------------------------------------------------------------------------------------------
-- Schemas and extensions
-- ---------------------------------------------------------------------------------------------
create schema if not exists extensions;
create extension if not exists "uuid-ossp" with schema extensions;
create extension if not exists pgcrypto with schema extensions;

grant usage on schema public to postgres, anon, authenticated, service_role;
grant usage on schema extensions to postgres, anon, authenticated, service_role;

-- Supabase's default privileges for objects the migration owner (postgres) creates in public.
-- App migrations must therefore revoke what they do not want exposed; keeping the permissive
-- default here is what makes the local RLS tests meaningful for a hosted project.
alter default privileges for role postgres in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on functions to anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on sequences to anon, authenticated, service_role;

create schema if not exists auth authorization supabase_auth_admin;
grant usage on schema auth to anon, authenticated, service_role;
grant all on schema auth to postgres;

-- The Supabase CLI tracks applied migrations here.
create schema if not exists supabase_migrations;
create table if not exists supabase_migrations.schema_migrations (
  version text primary key,
  statements text[],
  name text
);

-- ---------------------------------------------------------------------------------------------
-- auth tables (final shapes of supabase/auth migrations, the columns apps and GoTrue use)
-- ---------------------------------------------------------------------------------------------
set role supabase_auth_admin;

create table if not exists auth.users (
  instance_id uuid,
  id uuid primary key,
  aud varchar(255),
  role varchar(255),
  email varchar(255),
  encrypted_password varchar(255),
  email_confirmed_at timestamptz,
  invited_at timestamptz,
  confirmation_token varchar(255) default '',
  confirmation_sent_at timestamptz,
  recovery_token varchar(255) default '',
  recovery_sent_at timestamptz,
  email_change_token_new varchar(255) default '',
  email_change varchar(255) default '',
  email_change_sent_at timestamptz,
  last_sign_in_at timestamptz,
  raw_app_meta_data jsonb,
  raw_user_meta_data jsonb,
  is_super_admin boolean,
  created_at timestamptz,
  updated_at timestamptz,
  phone text unique default null,
  phone_confirmed_at timestamptz,
  phone_change text default '',
  phone_change_token varchar(255) default '',
  phone_change_sent_at timestamptz,
  confirmed_at timestamptz generated always as (least(email_confirmed_at, phone_confirmed_at)) stored,
  email_change_token_current varchar(255) default '',
  email_change_confirm_status smallint default 0 check (email_change_confirm_status >= 0 and email_change_confirm_status <= 2),
  banned_until timestamptz,
  reauthentication_token varchar(255) default '',
  reauthentication_sent_at timestamptz,
  is_sso_user boolean not null default false,
  deleted_at timestamptz,
  is_anonymous boolean not null default false
);
create unique index if not exists users_email_partial_key on auth.users (email) where (is_sso_user = false);
create index if not exists users_instance_id_idx on auth.users (instance_id);
comment on table auth.users is 'Auth: Stores user login data within a secure schema.';

create table if not exists auth.identities (
  provider_id text not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  identity_data jsonb not null,
  provider text not null,
  last_sign_in_at timestamptz,
  created_at timestamptz,
  updated_at timestamptz,
  email text generated always as (lower(identity_data ->> 'email')) stored,
  id uuid primary key default gen_random_uuid(),
  constraint identities_provider_id_provider_unique unique (provider_id, provider)
);
create index if not exists identities_user_id_idx on auth.identities (user_id);

create table if not exists auth.sessions (
  id uuid primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz,
  updated_at timestamptz,
  factor_id uuid,
  aal text,
  not_after timestamptz,
  refreshed_at timestamp,
  user_agent text,
  ip inet,
  tag text
);
create index if not exists sessions_user_id_idx on auth.sessions (user_id);

create table if not exists auth.refresh_tokens (
  instance_id uuid,
  id bigserial primary key,
  token varchar(255) unique,
  user_id varchar(255),
  revoked boolean,
  created_at timestamptz,
  updated_at timestamptz,
  parent varchar(255),
  session_id uuid references auth.sessions (id) on delete cascade
);
create index if not exists refresh_tokens_session_id_revoked_idx on auth.refresh_tokens (session_id, revoked);
create index if not exists refresh_tokens_parent_idx on auth.refresh_tokens (parent);

create table if not exists auth.one_time_tokens (
  id uuid primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  token_type text not null,
  token_hash text not null check (char_length(token_hash) > 0),
  relates_to text not null,
  created_at timestamp not null default now(),
  updated_at timestamp not null default now()
);
create index if not exists one_time_tokens_token_hash_idx on auth.one_time_tokens using hash (token_hash);
create unique index if not exists one_time_tokens_user_id_token_type_key on auth.one_time_tokens (user_id, token_type);

-- Authentication methods of each session (the JWT `amr` claim), kept across refreshes
-- (supabase/auth 20221003041349_add_mfa_schema + later additions).
create table if not exists auth.mfa_amr_claims (
  session_id uuid not null references auth.sessions (id) on delete cascade,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  authentication_method text not null,
  id uuid primary key,
  constraint mfa_amr_claims_session_id_authentication_method_pkey unique (session_id, authentication_method)
);

-- PKCE flow state of OAuth sign-ins (supabase/auth 20230322519590_add_flow_state_table and later).
create table if not exists auth.flow_state (
  id uuid primary key,
  user_id uuid,
  auth_code text not null,
  code_challenge_method text not null check (code_challenge_method in ('s256', 'plain')),
  code_challenge text not null,
  provider_type text not null,
  provider_access_token text,
  provider_refresh_token text,
  created_at timestamptz,
  updated_at timestamptz,
  authentication_method text not null,
  auth_code_issued_at timestamptz
);
create index if not exists idx_auth_code on auth.flow_state (auth_code);

create table if not exists auth.audit_log_entries (
  instance_id uuid,
  id uuid primary key,
  payload json,
  created_at timestamptz,
  ip_address varchar(64) not null default ''
);

-- Helpers used by RLS policies (supabase/auth 20220224000811 and 20220531120530).
create or replace function auth.uid() returns uuid
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;
comment on function auth.uid() is 'Deprecated. Use auth.jwt() -> ''sub'' instead.';

create or replace function auth.role() returns text
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;
comment on function auth.role() is 'Deprecated. Use auth.jwt() -> ''role'' instead.';

create or replace function auth.email() returns text
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.email', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
  )::text
$$;
comment on function auth.email() is 'Deprecated. Use auth.jwt() -> ''email'' instead.';

create or replace function auth.jwt() returns jsonb
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;

reset role;

grant execute on function auth.uid(), auth.role(), auth.email(), auth.jwt() to anon, authenticated, service_role, postgres;
-- Like GoTrue's 20240612123726_enable_rls_update_grants: RLS on, postgres may read and reference.
alter table auth.users enable row level security;
alter table auth.identities enable row level security;
alter table auth.sessions enable row level security;
alter table auth.refresh_tokens enable row level security;
alter table auth.one_time_tokens enable row level security;
alter table auth.audit_log_entries enable row level security;
alter table auth.mfa_amr_claims enable row level security;
grant select, references, trigger on all tables in schema auth to postgres with grant option;
grant delete on auth.users to postgres;

-- The seed's demo users, hires and reviews are for local databases only (see supabase/seed.sql).
do $$
begin
  execute format('alter database %I set app.seed_demo_data = %L', current_database(), 'on');
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Realtime: the `realtime` schema as a hosted project has it (final shapes of supabase/realtime's
-- lib/realtime/tenants/repo/migrations), so app migrations may write policies on
-- realtime.messages, call realtime.send()/broadcast_changes() and add tables to the
-- `supabase_realtime` publication exactly as on a hosted project. Local differences (ADR 0028):
-- realtime.messages is one plain table instead of daily partitions, and the `_realtime` schema
-- holds the local server's own helpers (hosted Realtime keeps its internals out of the project).
-- ---------------------------------------------------------------------------------------------
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'supabase_realtime_admin') then
    create role supabase_realtime_admin noinherit nologin noreplication;
  end if;
end
$$;

create schema if not exists realtime;
grant usage on schema realtime to postgres, anon, authenticated, service_role;

create table if not exists realtime.messages (
  id uuid not null default gen_random_uuid(),
  topic text not null,
  extension text not null,
  payload jsonb,
  event text,
  private boolean default false,
  updated_at timestamp not null default now(),
  inserted_at timestamp not null default now(),
  binary_payload bytea,
  constraint messages_payload_exclusive check (payload is null or binary_payload is null),
  primary key (id, inserted_at)
);
create index if not exists messages_inserted_at_topic_index
  on realtime.messages (inserted_at desc, topic)
  where extension = 'broadcast' and private is true;
alter table realtime.messages enable row level security;
grant select, insert, update on realtime.messages to postgres, anon, authenticated, service_role;
alter table realtime.messages owner to supabase_realtime_admin;

-- The channel topic being authorised, for policies on realtime.messages (set by the server).
create or replace function realtime.topic() returns text
language sql stable
as $$
  select nullif(current_setting('realtime.topic', true), '')::text;
$$;

create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true)
returns void
language plpgsql
as $$
declare
  generated_id uuid;
  final_payload jsonb;
begin
  begin
    generated_id := gen_random_uuid();
    if payload ? 'id' then
      final_payload := payload;
    else
      final_payload := jsonb_set(payload, '{id}', to_jsonb(generated_id));
    end if;
    execute format('SET LOCAL realtime.topic TO %L', topic);
    insert into realtime.messages (id, payload, event, topic, private, extension)
    values (generated_id, final_payload, event, topic, private, 'broadcast');
  exception
    when others then
      raise warning 'WarnSendingBroadcastMessage: %', sqlerrm;
  end;
end;
$$;

create or replace function realtime.send_binary(payload bytea, event text, topic text, private boolean default true)
returns void
language plpgsql
as $$
declare
  generated_id uuid;
begin
  begin
    generated_id := gen_random_uuid();
    execute format('SET LOCAL realtime.topic TO %L', topic);
    insert into realtime.messages (id, binary_payload, event, topic, private, extension)
    values (generated_id, payload, event, topic, private, 'broadcast');
  exception
    when others then
      raise warning 'WarnSendingBroadcastMessage: %', sqlerrm;
  end;
end;
$$;

create or replace function realtime.broadcast_changes(
  topic_name text, event_name text, operation text, table_name text, table_schema text,
  new record, old record, level text default 'ROW'
)
returns void
language plpgsql
as $$
declare
  row_data jsonb := '{}'::jsonb;
begin
  if level = 'STATEMENT' then
    raise exception 'function can only be triggered for each row, not for each statement';
  end if;
  if operation = 'INSERT' or operation = 'UPDATE' or operation = 'DELETE' then
    row_data := jsonb_build_object('old_record', old, 'record', new, 'operation', operation, 'table', table_name, 'schema', table_schema);
    perform realtime.send(row_data, event_name, topic_name);
  else
    raise exception 'Unexpected operation type: %', operation;
  end if;
exception
  when others then
    raise exception 'Failed to process the row: %', sqlerrm;
end;
$$;

alter function realtime.topic() owner to supabase_realtime_admin;
alter function realtime.send(jsonb, text, text, boolean) owner to supabase_realtime_admin;
alter function realtime.send_binary(bytea, text, text, boolean) owner to supabase_realtime_admin;
alter function realtime.broadcast_changes(text, text, text, text, text, record, record, text) owner to supabase_realtime_admin;

-- The publications a Supabase project has: app tables join `supabase_realtime` in migrations
-- (alter publication supabase_realtime add table …); Realtime streams realtime.messages through
-- the second one.
do $$
begin
  if not exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    create publication supabase_realtime;
  end if;
  if not exists (select 1 from pg_publication where pubname = 'supabase_realtime_messages_publication') then
    create publication supabase_realtime_messages_publication for table realtime.messages;
  end if;
end
$$;

-- Local server internals: which of the given subscribers' (role, claims) may select one row,
-- evaluated like Realtime's realtime.apply_rls — as that role with those claims, against the
-- live row found by its primary key. One round trip per change for every subscriber.
create schema if not exists _realtime;
revoke all on schema _realtime from public;

drop function if exists _realtime.visible_to(regclass, text, jsonb);
create or replace function _realtime.visible_to(entity regclass, pk_filter text, subscribers jsonb, change_xid bigint)
returns boolean[]
language plpgsql
set search_path = ''
as $$
declare
  subscriber jsonb;
  result boolean[] := '{}';
  visible boolean;
  next_xid bigint;
  full_xid bigint;
begin
  -- The WAL can reach the replication stream a moment before the committing backend leaves the
  -- proc array: until then new snapshots do not see the change, and an RLS check would wrongly
  -- say "not visible" (or, for an UPDATE, judge the old row). Wait until they do (microseconds).
  -- `change_xid` is the 32-bit xid of pgoutput's BEGIN; its epoch is the one of the snapshot's
  -- xmax, unless that puts it more than half the xid space ahead (then the previous epoch).
  next_xid := pg_catalog.pg_snapshot_xmax(pg_catalog.pg_current_snapshot())::text::bigint;
  full_xid := ((next_xid >> 32) << 32) | change_xid;
  if full_xid > next_xid + 2147483648 then
    full_xid := full_xid - 4294967296;
  end if;
  for attempt in 1..1000 loop
    exit when pg_catalog.pg_visible_in_snapshot(full_xid::text::xid8, pg_catalog.pg_current_snapshot());
    perform pg_catalog.pg_sleep(0.001);
  end loop;

  -- Planned once, executed per subscriber (walrus' walrus_rls_stmt): RLS is applied at execution
  -- as the role of the moment, auth.uid() reads the claims set just before.
  execute format('prepare _realtime_visible as select exists (select 1 from %s where %s)', entity, pk_filter);
  for subscriber in select value from jsonb_array_elements(subscribers) loop
    begin
      perform set_config('role', subscriber ->> 'role', true);
      perform set_config('request.jwt.claims', subscriber ->> 'claims', true);
      execute 'execute _realtime_visible' into visible;
    exception when others then
      visible := false;
    end;
    perform set_config('role', 'none', true);
    result := result || visible;
  end loop;
  deallocate _realtime_visible;
  return result;
exception when others then
  deallocate all;
  raise;
end;
$$;
revoke all on function _realtime.visible_to(regclass, text, jsonb, bigint) from public;

-- ---------------------------------------------------------------------------------------------
-- Schema-cache reload, as Supabase's pgrst_ddl_watch / pgrst_drop_watch event triggers do.
-- ---------------------------------------------------------------------------------------------
create or replace function extensions.pgrst_ddl_watch() returns event_trigger
language plpgsql
as $$
begin
  notify pgrst, 'reload schema';
end;
$$;

do $$
begin
  if not exists (select 1 from pg_event_trigger where evtname = 'pgrst_ddl_watch') then
    create event trigger pgrst_ddl_watch on ddl_command_end execute procedure extensions.pgrst_ddl_watch();
  end if;
  if not exists (select 1 from pg_event_trigger where evtname = 'pgrst_drop_watch') then
    create event trigger pgrst_drop_watch on sql_drop execute procedure extensions.pgrst_ddl_watch();
  end if;
end
$$;

-- ---------------------------------------------------------------------------------------------
-- Storage: the `storage` schema Supabase Storage keeps its metadata in (final shapes of the
-- supabase/storage tenant migrations, the columns the API and app policies use). Access to
-- objects is decided by RLS policies on storage.objects that the app's migrations create; the
-- local Storage server (dev/supabase/storage) runs each user-scoped statement as the caller's role
-- with the caller's claims, and its own bookkeeping as supabase_storage_admin, the tables' owner.
-- ---------------------------------------------------------------------------------------------
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'supabase_storage_admin') then
    create role supabase_storage_admin login noinherit createrole;
  end if;
end
$$;
alter role supabase_storage_admin with password 'postgres';
alter role supabase_storage_admin set search_path = storage;

create schema if not exists storage authorization supabase_storage_admin;
grant usage on schema storage to postgres, anon, authenticated, service_role;
grant all on schema storage to postgres;
alter default privileges for role supabase_storage_admin in schema storage grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_storage_admin in schema storage grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges for role supabase_storage_admin in schema storage grant all on sequences to postgres, anon, authenticated, service_role;

set role supabase_storage_admin;

do $$
begin
  if not exists (select 1 from pg_type where typname = 'buckettype' and typnamespace = 'storage'::regnamespace) then
    create type storage.buckettype as enum ('STANDARD', 'ANALYTICS');
  end if;
end
$$;

create table if not exists storage.buckets (
  id text primary key,
  name text not null,
  owner uuid,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  public boolean default false,
  avif_autodetection boolean default false,
  file_size_limit bigint,
  allowed_mime_types text[],
  owner_id text,
  type storage.buckettype not null default 'STANDARD'
);
create unique index if not exists bname on storage.buckets using btree (name);
comment on column storage.buckets.owner is 'Field is deprecated, use owner_id instead';

create table if not exists storage.objects (
  id uuid primary key default gen_random_uuid(),
  bucket_id text references storage.buckets (id),
  name text,
  owner uuid,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  last_accessed_at timestamptz default now(),
  metadata jsonb,
  path_tokens text[] generated always as (string_to_array(name, '/')) stored,
  version text,
  owner_id text,
  user_metadata jsonb
);
create unique index if not exists bucketid_objname on storage.objects using btree (bucket_id, name);
create index if not exists name_prefix_search on storage.objects using btree (name text_pattern_ops);
create index if not exists idx_objects_bucket_id_name on storage.objects (bucket_id, name collate "C");
comment on column storage.objects.owner is 'Field is deprecated, use owner_id instead';

create table if not exists storage.migrations (
  id integer primary key,
  name varchar(100) unique not null,
  hash varchar(40) not null,
  executed_at timestamp default current_timestamp
);

alter table storage.buckets enable row level security;
alter table storage.objects enable row level security;
alter table storage.migrations enable row level security;

-- Path helpers app policies use, e.g. (storage.foldername(name))[1] = (select auth.uid())::text.
create or replace function storage.foldername(name text) returns text[]
language sql immutable
as $$
  -- every segment but the last: 'a/b/c.png' → {a,b}
  select (string_to_array(name, '/'))[1 : array_length(string_to_array(name, '/'), 1) - 1]
$$;

create or replace function storage.filename(name text) returns text
language sql immutable
as $$
  -- the last segment: 'a/b/c.png' → 'c.png'
  select (string_to_array(name, '/'))[array_length(string_to_array(name, '/'), 1)]
$$;

create or replace function storage.extension(name text) returns text
language sql immutable
as $$
  -- what follows the last dot of the last segment ('c.tar.gz' → 'gz'; no dot → the whole name)
  select reverse(split_part(reverse(storage.filename(name)), '.', 1))
$$;

-- The listing behind POST /object/list/{bucket}: one level below `prefix` — folders (id null)
-- first by name, then files — names relative to the prefix, case-insensitive prefix + search
-- match as Storage does. Security invoker: RLS on storage.objects decides what is listed.
create or replace function storage.search(
  prefix text,
  bucketname text,
  limits int default 100,
  levels int default 1,
  offsets int default 0,
  search text default '',
  sortcolumn text default 'name',
  sortorder text default 'asc'
) returns table (
  name text,
  id uuid,
  updated_at timestamptz,
  created_at timestamptz,
  last_accessed_at timestamptz,
  metadata jsonb
)
language plpgsql stable security invoker
as $$
declare
  v_prefix text := coalesce(prefix, '');
  v_pattern text := lower(coalesce(prefix, '') || coalesce(search, ''));
  v_column text := case lower(coalesce(sortcolumn, 'name'))
    when 'updated_at' then 'updated_at'
    when 'created_at' then 'created_at'
    when 'last_accessed_at' then 'last_accessed_at'
    else 'name' end;
  v_order text := case when lower(coalesce(sortorder, 'asc')) = 'desc' then 'desc' else 'asc' end;
begin
  return query execute format(
    $sql$
    with candidates as (
      select o.*, substring(o.name from length($1) + 1) as rest
      from storage.objects o
      where o.bucket_id = $2
        and left(lower(o.name), length($3)) = $3
    ),
    entries as (
      select distinct on (split_part(c.rest, '/', 1))
        split_part(c.rest, '/', 1) as entry_name, null::uuid as entry_id,
        null::timestamptz as u, null::timestamptz as c_at, null::timestamptz as l, null::jsonb as m, 0 as kind
      from candidates c where position('/' in c.rest) > 0
      union all
      select c.rest, c.id, c.updated_at, c.created_at, c.last_accessed_at, c.metadata, 1
      from candidates c where position('/' in c.rest) = 0
    )
    select e.entry_name, e.entry_id, e.u, e.c_at, e.l, e.m
    from entries e
    order by %s %s %s, e.entry_name collate "C" %s
    limit $4 offset $5
    $sql$,
    -- sorting by name interleaves folders and files; by a timestamp, folders (null) come first
    case v_column when 'name' then '' else 'e.kind,' end,
    case v_column when 'name' then 'lower(e.entry_name) collate "C"' when 'updated_at' then 'e.u'
      when 'created_at' then 'e.c_at' else 'e.l' end,
    v_order, v_order
  ) using v_prefix, bucketname, v_pattern, least(coalesce(limits, 100), 1500), coalesce(offsets, 0);
end;
$$;

-- Like Storage (0055-prevent-direct-deletes): rows of storage tables are deleted through the
-- Storage API only, so no object's bytes are orphaned by a stray SQL delete. The API sets
-- storage.allow_delete_query for its own statements.
create or replace function storage.protect_delete() returns trigger
language plpgsql
as $$
begin
  if coalesce(current_setting('storage.allow_delete_query', true), 'false') <> 'true' then
    raise exception 'Direct deletion from storage tables is not allowed. Use the Storage API instead.'
      using hint = 'This prevents accidental data loss from orphaned objects.', errcode = '42501';
  end if;
  return null;
end;
$$;

create or replace function storage.update_updated_at_column() returns trigger
language plpgsql
as $$
begin
  new.updated_at = now();
  return new;
end;
$$;

do $$
begin
  if not exists (select 1 from pg_trigger where tgname = 'protect_buckets_delete') then
    create trigger protect_buckets_delete before delete on storage.buckets
      for each statement execute function storage.protect_delete();
  end if;
  if not exists (select 1 from pg_trigger where tgname = 'protect_objects_delete') then
    create trigger protect_objects_delete before delete on storage.objects
      for each statement execute function storage.protect_delete();
  end if;
  if not exists (select 1 from pg_trigger where tgname = 'update_objects_updated_at') then
    create trigger update_objects_updated_at before update on storage.objects
      for each row execute function storage.update_updated_at_column();
  end if;
end
$$;

reset role;

-- As Storage's 0046/0049 grants: the API roles may use the tables (RLS decides which rows),
-- postgres may grant them on and write policies.
grant all on storage.buckets, storage.objects to anon, authenticated, service_role;
grant all on storage.buckets, storage.objects to postgres with grant option;
grant execute on all functions in schema storage to postgres, anon, authenticated, service_role;
