-- private.is_admin() in PL/pgSQL (issue 19; ADR 0090). Same answer, same signature, grants and
-- comment; `create or replace` keeps the function's oid, so the admin policies that call it as
-- `(select private.is_admin())` are untouched.
--
-- Why: a security definer SQL function is never inlined, and PostgreSQL plans a SQL function's
-- body again in every statement that calls it; PL/pgSQL keeps the plan of its query for the
-- session. The admin policies sit beside the owner policies of profiles, subscriptions,
-- token_usage, support tickets and the operational tables, so ordinary users' statements pay for
-- the check too (bench/rls-admin measured it, as bench/rls-standing did for
-- private.caller_in_good_standing(), ADR 0080).
create or replace function private.is_admin()
returns boolean
language plpgsql
stable
security definer
set search_path = ''
as $$
begin
  return exists (
    select 1 from public.profiles p
    where p.id = (select auth.uid()) and p.role = 'admin'
  );
end;
$$;
