-- Rollback: a suspended account's unexpired access tokens read and write its rows again.
do $$
declare
  target record;
begin
  for target in
    select p.schemaname, p.tablename, p.policyname
    from pg_catalog.pg_policies p
    where p.policyname like 'Suspended accounts cannot % rows here'
  loop
    execute format('drop policy %I on %I.%I', target.policyname, target.schemaname, target.tablename);
  end loop;
end;
$$;
drop function private.caller_in_good_standing();
