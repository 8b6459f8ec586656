-- Rollback of 20261205100000_create_auth_audit_triggers.sql: Auth's events are no longer audited
-- (the entries already written stay).
drop trigger if exists audit_user_credentials_changed on auth.users;
drop trigger if exists audit_session_ended on auth.sessions;
drop trigger if exists audit_session_started on auth.sessions;
drop function if exists private.audit_user_credentials_changed();
drop function if exists private.audit_session_ended();
drop function if exists private.audit_session_started();
drop function if exists private.audit_auth_event(uuid, text, inet, text, jsonb);
