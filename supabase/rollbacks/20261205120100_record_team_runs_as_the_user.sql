-- Rollback of 20261205120100_record_team_runs_as_the_user.sql: only the service role writes team
-- runs' conversations and participants again.
drop policy "Users can add their hired employees to a team run they start" on public.conversation_participants;
revoke insert on table public.conversation_participants from authenticated;
drop function private.team_run_has_members(uuid);
drop policy "Users can record their own team runs" on public.multi_agent_conversations;
revoke insert on table public.multi_agent_conversations from authenticated;
