-- A suspended account's data is closed to its own access tokens (issue 17, ADR 0080).
--
-- Suspension already stops every /api call and ends the user's sessions, but an access token that
-- was issued before stays valid until it expires (up to an hour): hosted Supabase's Data API,
-- Storage and Realtime check only the JWT's signature and expiry, never a session. The protection
-- therefore lives where every one of those paths ends, in RLS: one restrictive policy per table
-- and operation, on every policy a signed-in user is granted, that lets the statement through only
-- while the caller is in good standing. Restrictive policies are ANDed with the permissive ones,
-- so nothing that was refused becomes allowed.
--
-- Cost: the check is `(select private.caller_in_good_standing())`, an init plan Postgres evaluates
-- once per statement (not per row): one primary-key lookup on profiles (bench/rls-standing).

create function private.caller_in_good_standing()
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  -- No profile row (or no signed-in caller) is not a suspension: the permissive policies decide.
  -- PL/pgSQL, not SQL: it keeps this lookup's plan for the session, where a SQL function
  -- (not inlinable, being security definer) would plan it again in every statement.
  return not exists (
    select 1 from public.profiles p
    where p.id = (select auth.uid()) and p.suspended_at is not null
  );
end;
$$;
comment on function private.caller_in_good_standing() is
  'False while the JWT subject''s account is suspended (profiles.suspended_at). Security definer: reads profiles without recursing through its policies. For policies only, as (select private.caller_in_good_standing()).';
revoke execute on function private.caller_in_good_standing() from public, anon;
grant execute on function private.caller_in_good_standing() to authenticated, service_role;

-- One restrictive policy for each table and operation that a signed-in user (and not anon) is
-- granted by a permissive policy: the users' own data and the admin views, in public, Storage
-- (storage.objects) and Realtime Authorization (realtime.messages). Rows anyone may read (the
-- catalog, published content, public avatars) stay readable, as they are to anon anyway.
-- tests/integration/admin/suspended-token.test.ts fails for a table added later without one.
do $$
declare
  target record;
  action text;
begin
  for target in
    select distinct p.schemaname, p.tablename, p.cmd
    from pg_catalog.pg_policies p
    where p.schemaname in ('public', 'storage', 'realtime')
      and p.permissive = 'PERMISSIVE'
      and 'authenticated' = any (p.roles)
      and not 'anon' = any (p.roles)
    order by 1, 2, 3
  loop
    action := case target.cmd
      when 'SELECT' then 'read'
      when 'INSERT' then 'add'
      when 'UPDATE' then 'change'
      when 'DELETE' then 'delete'
    end;
    execute format(
      'create policy %I on %I.%I as restrictive for %s to authenticated %s',
      'Suspended accounts cannot ' || action || ' rows here',
      target.schemaname, target.tablename, target.cmd,
      case target.cmd
        when 'INSERT' then 'with check ((select private.caller_in_good_standing()))'
        when 'UPDATE' then 'using ((select private.caller_in_good_standing())) with check ((select private.caller_in_good_standing()))'
        else 'using ((select private.caller_in_good_standing()))'
      end
    );
  end loop;
end;
$$;
