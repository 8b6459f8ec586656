-- Team runs on the run engine (docs/decisions/0024).
--
-- * multi_agent_conversations becomes the team-run side of a run of kind 'team_run': same id
--   (FK to public.runs), the task, title and supervisor. Its status, credits_charged, result,
--   error and completed_at are kept in step with the run and its steps by triggers, in the same
--   transaction as the engine's change, so they always agree with the steps and the ledger.
-- * Runs are started by POST /api/agents/team-run only (it takes the budget hold), so users no
--   longer insert conversations or participants themselves, and a run's history is not deletable
--   while its credits are accounted (deleting the account still removes everything).
-- * agent_steps, never used, becomes a view of the run's steps (plan, contribution, synthesis —
--   each with its usage), under the RLS of run_steps.

-- No function ever ran a conversation, so any row is a task that never started and holds no credits.
delete from public.multi_agent_conversations c where not exists (select 1 from public.runs r where r.id = c.id);
alter table public.multi_agent_conversations
  add constraint multi_agent_conversations_id_fkey foreign key (id) references public.runs (id) on delete cascade;
alter table public.multi_agent_conversations drop constraint multi_agent_conversations_status_check;
alter table public.multi_agent_conversations alter column status set default 'planning';
alter table public.multi_agent_conversations add constraint multi_agent_conversations_status_check
  check (status in ('planning', 'running', 'synthesizing', 'completed', 'failed', 'cancelled', 'budget_exceeded'));
alter table public.multi_agent_conversations
  add column supervisor_employee_id uuid references public.ai_employees (id) on delete restrict;
create index multi_agent_conversations_supervisor_employee_id_idx
  on public.multi_agent_conversations (supervisor_employee_id);
comment on table public.multi_agent_conversations is
  'A team run (the team_run side of public.runs, same id): the task, the supervisor and, kept in step with the run by triggers, its phase, result and credits. Created by the team-run function; users read and rename their own.';
comment on column public.multi_agent_conversations.status is
  'planning / running (contributions) / synthesizing while the run runs, then the run''s end status.';

drop policy "Users can start their own team runs" on public.multi_agent_conversations;
drop policy "Users can delete their own team runs" on public.multi_agent_conversations;
revoke insert, delete on table public.multi_agent_conversations from authenticated;

drop policy "Users can add their hired employees to their own team runs" on public.conversation_participants;
revoke insert on table public.conversation_participants from authenticated;

-- The run's end, result and credits onto its conversation.
create function private.sync_team_run()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.multi_agent_conversations c
  set status = case when new.status = 'running' then c.status else new.status end,
      credits_charged = new.spent_credits,
      result = coalesce(new.output ->> 'text', c.result),
      error = new.error,
      completed_at = new.finished_at
  where c.id = new.id;
  return null;
end;
$$;
comment on function private.sync_team_run() is
  'Trigger: copies a team run''s status, spent credits, result and error onto its multi_agent_conversations row.';
revoke execute on function private.sync_team_run() from public, anon, authenticated;

create trigger runs_sync_team_run
  after update of status, spent_credits, output, error, finished_at on public.runs
  for each row when (new.kind = 'team_run')
  execute function private.sync_team_run();

-- The phase of a running team run, from the step that started.
create function private.sync_team_run_phase()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.multi_agent_conversations c
  set status = case new.kind when 'plan' then 'planning' when 'synthesis' then 'synthesizing' else 'running' end
  where c.id = new.run_id
    and c.status in ('planning', 'running', 'synthesizing')
    and c.status <> case new.kind when 'plan' then 'planning' when 'synthesis' then 'synthesizing' else 'running' end;
  return null;
end;
$$;
comment on function private.sync_team_run_phase() is
  'Trigger: a started plan / contribution / synthesis step sets its team run''s phase.';
revoke execute on function private.sync_team_run_phase() from public, anon, authenticated;

create trigger run_steps_sync_team_run_phase
  after update of status on public.run_steps
  for each row when (new.status = 'running' and old.status is distinct from 'running')
  execute function private.sync_team_run_phase();

-- ---------------------------------------------------------------------------------------------
-- agent_steps: now the team-run view of run_steps.
-- ---------------------------------------------------------------------------------------------
drop table public.agent_steps;

create view public.agent_steps
with (security_invoker = true)
as
select
  s.id,
  s.run_id as conversation_id,
  (s.input ->> 'participant_id')::uuid as participant_id,
  s.position,
  s.key,
  s.kind,
  s.status,
  coalesce(s.output ->> 'text', '') as content,
  s.provider,
  s.model,
  s.input_tokens,
  s.output_tokens,
  s.cached_tokens,
  s.credits_charged,
  s.latency_ms,
  s.attempt,
  s.estimated,
  s.error,
  s.created_at,
  s.started_at,
  s.finished_at as completed_at
from public.run_steps s
join public.runs r on r.id = s.run_id
where r.kind = 'team_run';
comment on view public.agent_steps is
  'Steps of team runs (plan, contribution, synthesis) with their usage: a view of run_steps (security invoker: its RLS applies).';
revoke all on table public.agent_steps from anon, authenticated;
grant select on table public.agent_steps to authenticated, service_role;
