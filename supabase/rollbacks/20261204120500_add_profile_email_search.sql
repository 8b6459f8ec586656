-- Rollback: no email copy on profiles, and no pg_trgm (this migration brought it; nothing else uses it).
drop index public.profiles_email_trgm_idx;
drop trigger on_auth_user_email_change on auth.users;
drop function private.follow_email_change();
drop trigger profiles_copy_email on public.profiles;
drop function private.copy_email_to_profile();
alter table public.profiles drop column email;
drop extension pg_trgm;
