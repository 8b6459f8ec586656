-- The usage rollups' provider column checks against the one provider list too (the schema rule
-- test finds any provider column that does not).
alter table public.usage_daily_rollups
  add constraint usage_daily_rollups_provider_check check ((provider)::public.llm_provider = provider);
