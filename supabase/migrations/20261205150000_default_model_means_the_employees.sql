-- user_settings.default_model: null means "each employee answers on its own model" (ADR 0082).
--
-- The column defaulted to gpt-4o-mini for every account, so once chats started honouring the AI
-- defaults (issue 15) every employee answered on gpt-4o-mini — a Claude employee included — and the
-- model retires on 2027-01-14. A default model is now a choice the user makes: null (both columns
-- together) until they pick one. Rows still holding the old column default were never a choice
-- the settings page could tell apart from one, so they go back to the employee's model.

alter table public.user_settings
  alter column default_provider drop not null,
  alter column default_provider drop default,
  alter column default_model drop not null,
  alter column default_model drop default,
  add constraint user_settings_default_model_pair
    check ((default_provider is null) = (default_model is null));

comment on column public.user_settings.default_model is
  'The model new chats start on; null: each hired employee''s own model. Not a foreign key: pricing rows are effective-dated; a trigger refuses a model without a current price.';

create or replace function private.check_default_model_is_priced()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.default_model is not null and not exists (
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

update public.user_settings
   set default_provider = null, default_model = null
 where default_provider = 'openai' and default_model = 'gpt-4o-mini';
