-- Rollback of 20261121008000_create_marketplace_tables.sql.
drop view if exists public.employee_review_feed;
drop view if exists public.ai_employee_version_history;
drop view if exists public.ai_employee_catalog;
drop table if exists public.employee_reviews;
drop table if exists public.employee_analytics;
drop function if exists public.upgrade_hire(uuid);
drop function if exists public.hire_employee(uuid);
drop table if exists public.purchased_employees;
drop function if exists private.pin_hired_employee_version();
alter table if exists public.ai_employees drop constraint if exists ai_employees_latest_version_id_fkey;
drop table if exists public.ai_employee_versions;
drop function if exists private.set_latest_employee_version();
drop function if exists private.refuse_version_update();
drop table if exists public.ai_employees;
