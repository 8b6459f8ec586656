-- Rollback of 20261121007000_create_usage_tables.sql.
drop table if exists public.usage_alerts;
drop table if exists public.token_usage;
