-- Rollback of 20261121001000_create_user_tables.sql: drops the user tables and the private schema.
drop table if exists public.user_settings;
drop table if exists public.user_profiles;
drop table if exists public.profiles;
drop function if exists private.is_admin();
drop function if exists private.set_updated_at();
drop schema if exists private;
