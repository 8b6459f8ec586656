-- Rollback of 20261205150100_cover_every_storage_and_realtime_operation.sql: drops the policies it
-- added (named "… anything here"; those of 20261205130000 say "… rows here").
do $$
declare
  target record;
begin
  for target in
    select p.schemaname, p.tablename, p.policyname
    from pg_catalog.pg_policies p
    where (p.schemaname, p.tablename) in (('storage', 'objects'), ('realtime', 'messages'))
      and p.policyname like 'Suspended accounts cannot % anything here'
  loop
    execute format('drop policy %I on %I.%I', target.policyname, target.schemaname, target.tablename);
  end loop;
end;
$$;
