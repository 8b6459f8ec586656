-- Admin user search by email in one index scan (issue 17; bench/admin: `ilike '%…%'` over
-- auth.users took 160 ms at 100k users). auth.users belongs to Supabase Auth and takes no index of
-- ours, so profiles keeps a copy of the email — set when the profile is created, followed when
-- Auth changes the address — with a trigram index for "contains" searches.
--
-- The copy is readable exactly as the row is: by the user themselves and by admins.

create extension if not exists pg_trgm with schema extensions;

alter table public.profiles add column email text;
comment on column public.profiles.email is
  'Copy of auth.users.email for the admin search (trigram index), kept by triggers; never written by users.';

create function private.copy_email_to_profile()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  new.email := (select u.email from auth.users u where u.id = new.id);
  return new;
end;
$$;
comment on function private.copy_email_to_profile() is 'Trigger: a new profile takes its user''s email.';
revoke execute on function private.copy_email_to_profile() from public, anon, authenticated, service_role;

create trigger profiles_copy_email
  before insert on public.profiles
  for each row execute function private.copy_email_to_profile();

create function private.follow_email_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.profiles set email = new.email where id = new.id;
  return null;
end;
$$;
comment on function private.follow_email_change() is 'Trigger: keeps profiles.email equal to auth.users.email.';
revoke execute on function private.follow_email_change() from public, anon, authenticated, service_role;

create trigger on_auth_user_email_change
  after update of email on auth.users
  for each row when (old.email is distinct from new.email)
  execute function private.follow_email_change();

update public.profiles p set email = u.email from auth.users u where u.id = p.id;

create index profiles_email_trgm_idx on public.profiles using gin (email extensions.gin_trgm_ops);
