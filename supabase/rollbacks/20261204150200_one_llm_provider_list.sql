-- Rollback of 20261204150200_one_llm_provider_list.sql: each provider column gets its own list again.
do $$
declare
  r record;
begin
  for r in
    select c.conrelid::regclass as tbl, c.conname, a.attname
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
     where c.contype = 'c' and c.connamespace = 'public'::regnamespace and cardinality(c.conkey) = 1
       and pg_get_constraintdef(c.oid) like '%::llm_provider%'
  loop
    execute format('alter table %s drop constraint %I', r.tbl, r.conname);
    execute format('alter table %s add constraint %I check (%I in (''openai'', ''anthropic'', ''google'', ''perplexity''))',
      r.tbl, r.conname, r.attname);
  end loop;
end;
$$;

drop domain public.llm_provider;
