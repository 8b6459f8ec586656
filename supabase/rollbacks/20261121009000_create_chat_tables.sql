-- Rollback of 20261121009000_create_chat_tables.sql.
alter table if exists public.token_usage
  drop constraint if exists token_usage_message_id_fkey,
  drop constraint if exists token_usage_session_id_fkey;
drop table if exists public.chat_messages;
drop function if exists private.touch_chat_session();
drop table if exists public.chat_sessions;
