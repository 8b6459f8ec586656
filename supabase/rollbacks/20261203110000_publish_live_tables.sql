-- Rollback of 20261203110000_publish_live_tables.sql: the SPA falls back to polling.
alter publication supabase_realtime drop table public.credit_accounts, public.chat_sessions, public.notifications;
