-- Rollback of 20261121005000_create_signup_trigger.sql.
drop trigger if exists on_auth_user_created on auth.users;
drop function if exists private.handle_new_user();
