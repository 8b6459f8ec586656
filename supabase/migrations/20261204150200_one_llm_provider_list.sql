-- One list of LLM providers in the database (issue 19: it was repeated in ten check constraints).
-- The domain holds it; every provider column's check casts to the domain, which applies the
-- domain's check — so adding a provider is one `alter domain`, and the column types (used by
-- views) stay text. The list equals `llmProviderNames` in src/shared/llm-contract.ts (a test
-- compares them).

create domain public.llm_provider as text
  constraint llm_provider_check check (value in ('openai', 'anthropic', 'google', 'perplexity'));
comment on domain public.llm_provider is
  'The LLM providers the gateway speaks (src/shared/llm-contract.ts llmProviderNames). Provider columns check against it.';

do $$
declare
  r record;
begin
  for r in
    select c.conrelid::regclass as tbl, c.conname, a.attname
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
     where c.contype = 'c' and c.connamespace = 'public'::regnamespace and cardinality(c.conkey) = 1
       and pg_get_constraintdef(c.oid) = format(
         'CHECK ((%s = ANY (ARRAY[''openai''::text, ''anthropic''::text, ''google''::text, ''perplexity''::text])))',
         quote_ident(a.attname))
  loop
    execute format('alter table %s drop constraint %I', r.tbl, r.conname);
    execute format('alter table %s add constraint %I check ((%I)::public.llm_provider = %I)',
      r.tbl, r.conname, r.attname, r.attname);
  end loop;
end;
$$;
