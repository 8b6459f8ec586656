-- The team-run function writes the run's conversation and team as the caller, under RLS (issue 19,
-- ADR 0061's rule; ADR 0077). Only the run itself — its budget hold, a money action — is created at
-- service level (run_engine.create_run); in the same transaction the function then becomes the user
-- and inserts the conversation and its participants, so the policies below decide them as they
-- would for the SPA. A user cannot use them to invent anything: the conversation must name a team
-- run of theirs that has none yet (its id is the run's), and participants can only be added to a
-- conversation that has none yet — the statement that starts the run — and only their own active
-- hires (the pin trigger copies the hire's version and caps the team at five).

grant insert (id, user_id, title, task, supervisor_employee_id, supervisor_provider, supervisor_model)
  on table public.multi_agent_conversations to authenticated;

create policy "Users can record their own team runs"
  on public.multi_agent_conversations for insert to authenticated
  with check (
    user_id = (select auth.uid())
    and exists (
      select 1 from public.runs r
      where r.id = multi_agent_conversations.id and r.user_id = (select auth.uid()) and r.kind = 'team_run'
    )
  );

-- Whether a team run already has its team: read past RLS (a policy on conversation_participants
-- cannot query that table itself without recursing), for the insert policy below only.
create function private.team_run_has_members(p_conversation_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public.conversation_participants p where p.conversation_id = p_conversation_id)
$$;
comment on function private.team_run_has_members(uuid) is
  'True when the team run already has participants. For the participants insert policy only.';
revoke execute on function private.team_run_has_members(uuid) from public, anon;
grant execute on function private.team_run_has_members(uuid) to authenticated, service_role;

grant insert (conversation_id, employee_id, position) on table public.conversation_participants to authenticated;

create policy "Users can add their hired employees to a team run they start"
  on public.conversation_participants for insert to authenticated
  with check (
    exists (
      select 1 from public.multi_agent_conversations c
      where c.id = conversation_participants.conversation_id and c.user_id = (select auth.uid())
    )
    and exists (
      select 1 from public.purchased_employees h
      where h.user_id = (select auth.uid()) and h.employee_id = conversation_participants.employee_id
        and h.is_active
    )
    -- The team is the one the run started with: rows of the starting statement do not see each
    -- other, any later insert sees them.
    and not private.team_run_has_members(conversation_participants.conversation_id)
  );
