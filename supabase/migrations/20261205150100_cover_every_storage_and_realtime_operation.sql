-- Suspended accounts: the standing policies of storage.objects and realtime.messages cover every
-- operation, not only those with a permissive policy when 20261205130000 ran (ADR 0080).
--
-- Storage and Realtime Authorization policies are written by whoever adds a bucket or a channel
-- (a migration, a test, the dashboard) and may open an operation that had none — an UPDATE policy
-- on a folder, say. A restrictive policy for an operation nobody is granted costs nothing, so
-- these two tables get one for each of the four now.
do $$
declare
  target record;
begin
  for target in
    select t.schemaname, t.tablename, c.cmd, c.action
    from (values ('storage', 'objects'), ('realtime', 'messages')) as t (schemaname, tablename)
    cross join (values ('SELECT', 'read'), ('INSERT', 'add'), ('UPDATE', 'change'), ('DELETE', 'delete'))
      as c (cmd, action)
    where exists (
        select 1 from pg_catalog.pg_tables r where r.schemaname = t.schemaname and r.tablename = t.tablename)
      and not exists (
        select 1 from pg_catalog.pg_policies p
        where p.schemaname = t.schemaname and p.tablename = t.tablename and p.cmd = c.cmd
          and p.permissive = 'RESTRICTIVE'
          and coalesce(p.qual, p.with_check) like '%caller_in_good_standing()%')
  loop
    execute format(
      'create policy %I on %I.%I as restrictive for %s to authenticated %s',
      'Suspended accounts cannot ' || target.action || ' anything here',
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
