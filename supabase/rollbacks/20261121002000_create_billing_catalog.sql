-- Rollback of 20261121002000_create_billing_catalog.sql.
drop table if exists public.model_pricing;
drop function if exists private.check_model_pricing_overlap();
drop table if exists public.token_packs;
drop table if exists public.plan_prices;
alter table if exists public.profiles drop constraint if exists profiles_plan_fkey;
drop table if exists public.plans;
