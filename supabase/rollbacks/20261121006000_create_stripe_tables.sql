-- Rollback of 20261121006000_create_stripe_tables.sql.
drop table if exists public.failed_webhook_events;
drop table if exists public.webhook_audit_log;
drop table if exists public.stripe_events;
drop table if exists public.subscriptions;
drop table if exists public.stripe_customers;
