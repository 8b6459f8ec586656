-- Rollback of 20261121014000_create_analytics_triggers.sql (the counters table itself belongs to
-- the marketplace migration and stays).
drop trigger if exists chat_messages_count_employee_messages on public.chat_messages;
drop function if exists private.count_employee_messages();
drop trigger if exists employee_reviews_count_reviews on public.employee_reviews;
drop function if exists private.count_employee_reviews();
drop trigger if exists purchased_employees_count_hires on public.purchased_employees;
drop function if exists private.count_employee_hires();
drop trigger if exists ai_employees_create_analytics on public.ai_employees;
drop function if exists private.create_employee_analytics();
