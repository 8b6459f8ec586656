-- Rollback of 20261203100100_attach_team_runs_to_engine.sql: agent_steps back to its table,
-- conversations and participants back to user-created rows with the old statuses.

drop view public.agent_steps;

drop trigger run_steps_sync_team_run_phase on public.run_steps;
drop function private.sync_team_run_phase();
drop trigger runs_sync_team_run on public.runs;
drop function private.sync_team_run();

grant insert (conversation_id, employee_id, position) on table public.conversation_participants to authenticated;
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

grant insert (user_id, title, task) on table public.multi_agent_conversations to authenticated;
grant delete on table public.multi_agent_conversations to authenticated;
create policy "Users can start their own team runs"
  on public.multi_agent_conversations for insert to authenticated
  with check (user_id = (select auth.uid()));

create policy "Users can delete their own team runs"
  on public.multi_agent_conversations for delete to authenticated
  using (user_id = (select auth.uid()));

alter table public.multi_agent_conversations drop column supervisor_employee_id;
alter table public.multi_agent_conversations drop constraint multi_agent_conversations_status_check;
update public.multi_agent_conversations set status = 'stopped' where status in ('cancelled', 'budget_exceeded');
alter table public.multi_agent_conversations alter column status set default 'pending';
alter table public.multi_agent_conversations add constraint multi_agent_conversations_status_check
  check (status in ('pending', 'planning', 'running', 'synthesizing', 'completed', 'failed', 'stopped'));
alter table public.multi_agent_conversations drop constraint multi_agent_conversations_id_fkey;
comment on table public.multi_agent_conversations is
  'A team run: the task, its status, the synthesised result and total credits. Users create and delete their own; the team-run function advances it.';
comment on column public.multi_agent_conversations.status is null;

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
