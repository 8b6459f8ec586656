-- Rollback: no usage rollups.
drop trigger token_usage_fold_into_rollups on public.token_usage;
drop function private.rebuild_usage_rollups();
drop function private.fold_usage_into_rollups();
drop function private.usage_fold_statements(text);
drop table public.usage_user_monthly_rollups;
drop table public.usage_daily_rollups;
drop index public.stripe_events_type_stripe_created_at_idx;
