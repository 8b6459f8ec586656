-- Rollback of 20261206130000_make_is_admin_plpgsql.sql: private.is_admin() back in SQL, body as
-- 20261121001000 wrote it (the oid, grants and comment never changed).
create or replace function private.is_admin()
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.profiles p
    where p.id = (select auth.uid()) and p.role = 'admin'
  );
$$;
