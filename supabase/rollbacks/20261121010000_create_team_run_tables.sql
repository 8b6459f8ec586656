-- Rollback of 20261121010000_create_team_run_tables.sql.
drop table if exists public.agent_steps;
drop table if exists public.conversation_participants;
drop function if exists private.pin_participant_version();
drop table if exists public.multi_agent_conversations;
