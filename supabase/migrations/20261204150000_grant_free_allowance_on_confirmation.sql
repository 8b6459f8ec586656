-- The free allowance is granted when the user's email is confirmed, not when the auth user is
-- inserted: otherwise every throw-away sign-up is worth a month of free credits (issue 19,
-- "free credits can be farmed"). Profile rows and the (empty) credit account are still created in
-- the sign-up transaction, so every screen works for an unconfirmed user.
--
-- A user is confirmed when GoTrue sets `email_confirmed_at`: at insert with autoconfirm or a
-- verified OAuth identity, or later by an UPDATE when the confirmation link is opened. Both paths
-- call one function with the key `allowance:<user id>:<YYYY-MM-DD of period start>` — the key the
-- sign-up grant always used — so a repeated confirmation (or one racing the insert) grants once.

create function private.grant_free_allowance(p_user_id uuid, p_at timestamptz default now())
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_period_start timestamptz := date_trunc('month', p_at at time zone 'utc') at time zone 'utc';
  v_free_credits bigint;
begin
  select p.monthly_credits into strict v_free_credits from public.plans p where p.id = 'free';
  perform billing.grant_allowance(
    p_user_id,
    v_free_credits,
    v_period_start,
    v_period_start + interval '1 month',
    'allowance:' || p_user_id || ':' || to_char(v_period_start at time zone 'utc', 'YYYY-MM-DD'),
    jsonb_build_object('reason', 'signup', 'plan', 'free')
  );
end;
$$;
comment on function private.grant_free_allowance(uuid, timestamptz) is
  'The free plan''s allowance for the calendar month of p_at, once per user and month (idempotency key allowance:<user>:<period start>). Called when a user''s email is confirmed, and monthly by the allowance job.';
revoke execute on function private.grant_free_allowance(uuid, timestamptz) from public, anon, authenticated;

create or replace function private.handle_new_user()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
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

  if new.email_confirmed_at is not null then
    perform private.grant_free_allowance(new.id);
  end if;
  return new;
end;
$$;
comment on function private.handle_new_user() is
  'Trigger on auth.users insert: creates the user''s profile rows and credit account atomically; the free allowance only if the email is already confirmed (autoconfirm, verified OAuth).';

create function private.handle_user_confirmed()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.grant_free_allowance(new.id);
  return new;
end;
$$;
comment on function private.handle_user_confirmed() is
  'Trigger on auth.users when email_confirmed_at is first set: grants the free allowance (idempotent).';
revoke execute on function private.handle_user_confirmed() from public, anon, authenticated;

create trigger on_auth_user_confirmed
  after update of email_confirmed_at on auth.users
  for each row
  when (old.email_confirmed_at is null and new.email_confirmed_at is not null)
  execute function private.handle_user_confirmed();
