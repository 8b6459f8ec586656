-- How an admin is made (issue 17): one audited function, called by `npm run make-admin` locally and
-- by a documented SQL statement in production (docs/deployment.md "The first admin").
--
-- profiles.role is not writable by users, and the admin console cannot grant the first admin (it
-- needs one to exist). So the statement runs as the database owner (the SQL editor of a hosted
-- project, or the local CLI): no API role may execute it — not service_role either, so nobody can
-- reach it over the Data API, even with the service key.

create function private.set_user_role(p_email text, p_role text)
returns table (user_id uuid, role_before text, role_after text)
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user_id uuid;
  v_before text;
begin
  if p_role is null or p_role not in ('member', 'admin') then
    raise exception 'role must be member or admin' using errcode = '22023';
  end if;
  select u.id into v_user_id from auth.users u where lower(u.email) = lower(trim(p_email));
  if v_user_id is null then
    raise exception 'no user has the email %: sign up first, then run this again', p_email
      using errcode = 'P0002';
  end if;

  select p.role into v_before from public.profiles p where p.id = v_user_id for update;
  update public.profiles p set role = p_role where p.id = v_user_id and p.role <> p_role;

  -- The actor is the database session, not an app user: recorded as who ran it and from where.
  insert into public.audit_logs (actor_id, action, target_type, target_id, metadata)
  values (
    null, 'admin.role_change', 'user', v_user_id::text,
    jsonb_build_object(
      'before', jsonb_build_object('role', v_before),
      'after', jsonb_build_object('role', p_role),
      'via', 'sql', 'database_user', session_user
    )
  );
  return query select v_user_id, v_before, p_role;
end;
$$;
comment on function private.set_user_role(text, text) is
  'Sets profiles.role of the user with this email (member | admin) and writes an admin.role_change audit row with before/after. Database owner only: this is how the first admin is made.';
revoke execute on function private.set_user_role(text, text) from public, anon, authenticated, service_role;
