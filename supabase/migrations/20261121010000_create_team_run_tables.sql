-- Team runs: a supervisor plans, delegates to up to five hired employees and synthesises
-- (DESIGN.md §6 /api/agents/team-run).
--
-- The user creates the conversation (the task) and names the participants among their active
-- hires; the team-run function writes every step, with its usage, using the service role. Steps
-- and participants are reached through the parent conversation's owner (RLS joins).

-- ---------------------------------------------------------------------------------------------
-- multi_agent_conversations
-- ---------------------------------------------------------------------------------------------
create table public.multi_agent_conversations (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  title text not null default 'Team run' check (char_length(title) between 1 and 200),
  task text not null check (char_length(task) between 1 and 20000),
  status text not null default 'pending'
    check (status in ('pending', 'planning', 'running', 'synthesizing', 'completed', 'failed', 'stopped')),
  supervisor_provider text check (supervisor_provider in ('openai', 'anthropic', 'google', 'perplexity')),
  supervisor_model text,
  result text,
  error text,
  credits_charged bigint not null default 0 check (credits_charged >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  completed_at timestamptz
);
comment on table public.multi_agent_conversations is
  'A team run: the task, its status, the synthesised result and total credits. Users create and delete their own; the team-run function advances it.';

create index multi_agent_conversations_user_id_created_at_idx
  on public.multi_agent_conversations (user_id, created_at desc);

create trigger multi_agent_conversations_set_updated_at
  before update on public.multi_agent_conversations
  for each row execute function private.set_updated_at();

alter table public.multi_agent_conversations enable row level security;
revoke all on table public.multi_agent_conversations from anon, authenticated;
grant select, delete on table public.multi_agent_conversations to authenticated;
grant insert (user_id, title, task) on table public.multi_agent_conversations to authenticated;
grant update (title) on table public.multi_agent_conversations to authenticated;
grant select, insert, update, delete on table public.multi_agent_conversations to service_role;

create policy "Users can read their own team runs"
  on public.multi_agent_conversations for select to authenticated
  using (user_id = (select auth.uid()));

create policy "Users can start their own team runs"
  on public.multi_agent_conversations for insert to authenticated
  with check (user_id = (select auth.uid()));

create policy "Users can rename their own team runs"
  on public.multi_agent_conversations for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));

create policy "Users can delete their own team runs"
  on public.multi_agent_conversations for delete to authenticated
  using (user_id = (select auth.uid()));

-- ---------------------------------------------------------------------------------------------
-- conversation_participants
-- ---------------------------------------------------------------------------------------------
create table public.conversation_participants (
  id uuid primary key default gen_random_uuid(),
  conversation_id uuid not null references public.multi_agent_conversations (id) on delete cascade,
  employee_id uuid not null references public.ai_employees (id) on delete restrict,
  -- Copied from the owner's hire on insert (trigger), so a run uses the version the user pinned.
  employee_version_id uuid references public.ai_employee_versions (id) on delete restrict,
  role text not null default 'worker' check (role in ('worker')),
  position smallint not null default 0 check (position between 0 and 4),
  created_at timestamptz not null default now(),
  unique (conversation_id, employee_id)
);
comment on table public.conversation_participants is
  'Hired employees taking part in a team run (at most five), each at the version its owner pinned.';

-- conversation_id: the unique (conversation_id, employee_id) index covers the FK.
create index conversation_participants_employee_id_idx on public.conversation_participants (employee_id);
create index conversation_participants_employee_version_id_idx
  on public.conversation_participants (employee_version_id);

-- Pins the participant to its owner's hire and caps the team at five.
create or replace function private.pin_participant_version()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_owner uuid;
begin
  select c.user_id into v_owner from public.multi_agent_conversations c where c.id = new.conversation_id for update;
  select h.employee_version_id into new.employee_version_id
  from public.purchased_employees h
  where h.user_id = v_owner and h.employee_id = new.employee_id and h.is_active;
  if new.employee_version_id is null then
    raise exception 'EMPLOYEE_NOT_HIRED' using errcode = 'PT403',
      detail = 'team members must be active hires of the run''s owner';
  end if;
  if (select count(*) from public.conversation_participants p where p.conversation_id = new.conversation_id) >= 5 then
    raise exception 'a team run has at most five members' using errcode = '22023';
  end if;
  return new;
end;
$$;
comment on function private.pin_participant_version() is
  'Trigger: copies the owner''s pinned version onto a participant, refuses non-hired employees and a sixth member.';
revoke execute on function private.pin_participant_version() from public, anon, authenticated;

create trigger conversation_participants_pin_version
  before insert on public.conversation_participants
  for each row execute function private.pin_participant_version();

alter table public.conversation_participants enable row level security;
revoke all on table public.conversation_participants from anon, authenticated;
grant select on table public.conversation_participants to authenticated;
grant insert (conversation_id, employee_id, position) on table public.conversation_participants to authenticated;
grant select, insert, update, delete on table public.conversation_participants to service_role;

create policy "Users can read participants of their own team runs"
  on public.conversation_participants for select to authenticated
  using (
    exists (
      select 1 from public.multi_agent_conversations c
      where c.id = conversation_participants.conversation_id and c.user_id = (select auth.uid())
    )
  );

create policy "Users can add their hired employees to their own team runs"
  on public.conversation_participants for insert to authenticated
  with check (
    exists (
      select 1 from public.multi_agent_conversations c
      where c.id = conversation_participants.conversation_id and c.user_id = (select auth.uid())
    )
    and exists (
      select 1 from public.purchased_employees h
      where h.user_id = (select auth.uid()) and h.employee_id = conversation_participants.employee_id and h.is_active
    )
  );

-- ---------------------------------------------------------------------------------------------
-- agent_steps
-- ---------------------------------------------------------------------------------------------
create table public.agent_steps (
  id uuid primary key default gen_random_uuid(),
  conversation_id uuid not null references public.multi_agent_conversations (id) on delete cascade,
  -- Null for the supervisor's own steps (plan, synthesis).
  participant_id uuid references public.conversation_participants (id) on delete cascade,
  position integer not null check (position >= 0),
  kind text not null check (kind in ('plan', 'delegate', 'contribution', 'synthesis')),
  status text not null default 'pending' check (status in ('pending', 'running', 'completed', 'failed', 'stopped')),
  content text not null default '',
  provider text check (provider in ('openai', 'anthropic', 'google', 'perplexity')),
  model text,
  input_tokens bigint not null default 0 check (input_tokens >= 0),
  output_tokens bigint not null default 0 check (output_tokens >= 0),
  cached_tokens bigint not null default 0 check (cached_tokens >= 0),
  credits_charged bigint not null default 0 check (credits_charged >= 0),
  request_id text unique,
  error text,
  created_at timestamptz not null default now(),
  completed_at timestamptz,
  unique (conversation_id, position)
);
comment on table public.agent_steps is
  'Steps of a team run (plan, delegate, contribution, synthesis), each with its usage. Written by the team-run function; users read their own.';

-- conversation_id: the unique (conversation_id, position) index covers the FK and the ordering.
create index agent_steps_participant_id_idx on public.agent_steps (participant_id);

alter table public.agent_steps enable row level security;
revoke all on table public.agent_steps from anon, authenticated;
grant select on table public.agent_steps to authenticated;
grant select, insert, update, delete on table public.agent_steps to service_role;

create policy "Users can read steps of their own team runs"
  on public.agent_steps for select to authenticated
  using (
    exists (
      select 1 from public.multi_agent_conversations c
      where c.id = agent_steps.conversation_id and c.user_id = (select auth.uid())
    )
  );
