-- Rollback of 20261204150300_check_rollup_provider.sql.
alter table public.usage_daily_rollups drop constraint usage_daily_rollups_provider_check;
