-- Chat: sessions with one hired employee and their messages (DESIGN.md §4, §6 /api/agents/execute).
--
-- Messages have no user_id: access goes through the parent session (RLS joins chat_sessions), so
-- a message can never be attached to someone else's conversation. Users may write their own
-- prompts ('user' messages); assistant messages carry usage and credits and are written by the
-- agents function at the service level (its pool's own role, not an API role), in the transaction
-- that writes the prompt as the user (netlify/lib/agents/chat-session.ts, ADR 0061). History is read newest-first with keyset pagination on
-- (created_at, id), served by chat_messages_session_id_created_at_id_idx.

-- ---------------------------------------------------------------------------------------------
-- chat_sessions
-- ---------------------------------------------------------------------------------------------
create table public.chat_sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  -- The employee answering in this session; null for a plain model chat. Kept (set null) if the
  -- employee is ever removed from the catalog, so the history survives.
  employee_id uuid references public.ai_employees (id) on delete set null,
  title text not null default 'New chat' check (char_length(title) between 1 and 200),
  message_count integer not null default 0 check (message_count >= 0),
  last_message_at timestamptz,
  archived_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.chat_sessions is
  'A user''s chat sessions, newest activity first. Users create, rename, archive and delete their own; last_message_at and message_count are kept by a trigger.';

-- Sessions list: a user's sessions by last activity.
create index chat_sessions_user_id_last_message_at_idx
  on public.chat_sessions (user_id, last_message_at desc nulls last);
create index chat_sessions_employee_id_idx on public.chat_sessions (employee_id);

create trigger chat_sessions_set_updated_at
  before update on public.chat_sessions
  for each row execute function private.set_updated_at();

alter table public.chat_sessions enable row level security;
revoke all on table public.chat_sessions from anon, authenticated;
grant select, delete on table public.chat_sessions to authenticated;
grant insert (user_id, employee_id, title) on table public.chat_sessions to authenticated;
grant update (title, archived_at) on table public.chat_sessions to authenticated;
grant select, insert, update, delete on table public.chat_sessions to service_role;

create policy "Users can read their own chat sessions"
  on public.chat_sessions for select to authenticated
  using (user_id = (select auth.uid()));

create policy "Users can start chat sessions with employees they hired"
  on public.chat_sessions for insert to authenticated
  with check (
    user_id = (select auth.uid())
    and (
      employee_id is null
      or exists (
        select 1 from public.purchased_employees h
        where h.user_id = (select auth.uid()) and h.employee_id = chat_sessions.employee_id and h.is_active
      )
    )
  );

create policy "Users can update their own chat sessions"
  on public.chat_sessions for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));

create policy "Users can delete their own chat sessions"
  on public.chat_sessions for delete to authenticated
  using (user_id = (select auth.uid()));

-- ---------------------------------------------------------------------------------------------
-- chat_messages
-- ---------------------------------------------------------------------------------------------
create table public.chat_messages (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references public.chat_sessions (id) on delete cascade,
  role text not null check (role in ('user', 'assistant', 'system')),
  content text not null default '' check (char_length(content) <= 200000),
  status text not null default 'complete' check (status in ('streaming', 'complete', 'stopped', 'error')),
  provider text check (provider in ('openai', 'anthropic', 'google', 'perplexity')),
  model text,
  employee_version_id uuid references public.ai_employee_versions (id) on delete set null,
  input_tokens bigint check (input_tokens >= 0),
  output_tokens bigint check (output_tokens >= 0),
  cached_tokens bigint check (cached_tokens >= 0),
  credits_charged bigint check (credits_charged >= 0),
  request_id text unique,
  error text,
  created_at timestamptz not null default now()
);
comment on table public.chat_messages is
  'Messages of a chat session. RLS through the parent session. Users insert their own prompts; assistant messages (with usage and credits) are written by the agents function.';
comment on column public.chat_messages.status is 'stopped: the user pressed stop mid-stream; the partial answer is kept and billed.';

-- History page: WHERE session_id = $1 AND (created_at, id) < ($2, $3) ORDER BY created_at DESC, id DESC LIMIT 50.
create index chat_messages_session_id_created_at_id_idx
  on public.chat_messages (session_id, created_at desc, id desc);
create index chat_messages_employee_version_id_idx on public.chat_messages (employee_version_id)
  where employee_version_id is not null;

alter table public.chat_messages enable row level security;
revoke all on table public.chat_messages from anon, authenticated;
grant select on table public.chat_messages to authenticated;
grant insert (session_id, role, content) on table public.chat_messages to authenticated;
grant select, insert, update, delete on table public.chat_messages to service_role;

create policy "Users can read messages of their own chat sessions"
  on public.chat_messages for select to authenticated
  using (
    exists (
      select 1 from public.chat_sessions s
      where s.id = chat_messages.session_id and s.user_id = (select auth.uid())
    )
  );

create policy "Users can post their own prompts in their own chat sessions"
  on public.chat_messages for insert to authenticated
  with check (
    role = 'user'
    and exists (
      select 1 from public.chat_sessions s
      where s.id = chat_messages.session_id and s.user_id = (select auth.uid())
    )
  );

-- Keeps the session's activity columns current. Security definer: users cannot write them.
create or replace function private.touch_chat_session()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.chat_sessions s
  set last_message_at = greatest(coalesce(s.last_message_at, new.created_at), new.created_at),
      message_count = s.message_count + 1
  where s.id = new.session_id;
  return null;
end;
$$;
comment on function private.touch_chat_session() is 'Trigger: bumps chat_sessions.last_message_at and message_count on each new message.';
revoke execute on function private.touch_chat_session() from public, anon, authenticated;

create trigger chat_messages_touch_session
  after insert on public.chat_messages
  for each row execute function private.touch_chat_session();

-- ---------------------------------------------------------------------------------------------
-- Link token usage to the chat it paid for (columns created by the usage migration).
-- ---------------------------------------------------------------------------------------------
alter table public.token_usage
  add constraint token_usage_session_id_fkey foreign key (session_id)
    references public.chat_sessions (id) on delete set null,
  add constraint token_usage_message_id_fkey foreign key (message_id)
    references public.chat_messages (id) on delete set null;
