-- Rollback of 20261204150000_grant_free_allowance_on_confirmation.sql: the allowance is granted
-- at insert again.
drop trigger if exists on_auth_user_confirmed on auth.users;
drop function if exists private.handle_user_confirmed();

create or replace function private.handle_new_user()
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

drop function if exists private.grant_free_allowance(uuid, timestamptz);
