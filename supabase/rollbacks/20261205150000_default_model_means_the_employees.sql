-- Rollback of 20261205150000_default_model_means_the_employees.sql: the old defaults come back.
create or replace function private.check_default_model_is_priced()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if not exists (
    select 1 from public.model_pricing p
     where p.provider = new.default_provider and p.model = new.default_model
       and p.effective_from <= now() and (p.effective_to is null or p.effective_to > now())
  ) then
    raise exception 'The model % of % is not available.', new.default_model, new.default_provider
      using errcode = '23514';
  end if;
  return new;
end;
$$;

comment on column public.user_settings.default_model is
  'Not a foreign key: pricing rows are effective-dated; the LLM gateway refuses a model without a current price.';

alter table public.user_settings disable trigger user_settings_default_model_is_priced;
update public.user_settings
   set default_provider = 'openai', default_model = 'gpt-4o-mini'
 where default_model is null;
alter table public.user_settings enable trigger user_settings_default_model_is_priced;

alter table public.user_settings
  drop constraint user_settings_default_model_pair,
  alter column default_provider set default 'openai',
  alter column default_provider set not null,
  alter column default_model set default 'gpt-4o-mini',
  alter column default_model set not null;
