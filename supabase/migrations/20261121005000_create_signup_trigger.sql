-- Signup: every new auth user gets profiles, user_profiles, user_settings and a credit account
-- holding the free allowance for the current calendar month — in the signup transaction, so a
-- failure here fails the signup instead of leaving a half-created user.
--
-- Security definer (owned by the migration role) because GoTrue inserts into auth.users as
-- supabase_auth_admin, which has no rights on public tables; `search_path = ''` so nothing can
-- be shadowed. This is the pattern of Supabase's "managing user data" guide and works unchanged
-- with `supabase db push`.
--
-- The allowance key `allowance:<user id>:<YYYY-MM-DD of period start>` is the same one the
-- monthly allowance job uses, so the job never grants the signup month twice.

create function private.handle_new_user()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_period_start timestamptz := date_trunc('month', now() at time zone 'utc') at time zone 'utc';
  v_free_credits bigint;
begin
  insert into public.profiles (id) values (new.id);

  insert into public.user_profiles (user_id, display_name, avatar_url)
  values (
    new.id,
    left(nullif(trim(coalesce(new.raw_user_meta_data ->> 'display_name', new.raw_user_meta_data ->> 'full_name', '')), ''), 80),
    left(nullif(new.raw_user_meta_data ->> 'avatar_url', ''), 2048)
  );

  insert into public.user_settings (user_id) values (new.id);

  insert into public.credit_accounts (user_id) values (new.id);

  select p.monthly_credits into strict v_free_credits from public.plans p where p.id = 'free';
  perform billing.grant_allowance(
    new.id,
    v_free_credits,
    v_period_start,
    v_period_start + interval '1 month',
    'allowance:' || new.id || ':' || to_char(v_period_start at time zone 'utc', 'YYYY-MM-DD'),
    jsonb_build_object('reason', 'signup', 'plan', 'free')
  );
  return new;
end;
$$;
comment on function private.handle_new_user() is
  'Trigger on auth.users insert: creates the user''s profile rows and credit account with the free allowance, atomically.';
revoke execute on function private.handle_new_user() from public, anon, authenticated;

create trigger on_auth_user_created
  after insert on auth.users
  for each row execute function private.handle_new_user();
