-- Rollback of 20261121013000_create_system_tables.sql.
drop table if exists public.data_requests;
drop table if exists public.email_outbox;
drop table if exists public.notifications;
drop table if exists public.audit_logs;
drop function if exists private.refuse_changes_except_anonymisation();
