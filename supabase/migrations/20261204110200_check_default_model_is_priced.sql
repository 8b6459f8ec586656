-- user_settings.default_model must be a model the platform can call now (ADR 0048).
--
-- The settings page offers only models with a price effective now, but the row is written by the
-- browser through the Data API, so the database is what refuses anything else: a provider/model
-- pair without a current model_pricing row is rejected on insert and on a change of either
-- column. (No plan restricts models today; every priced model is open to every plan.)

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
comment on function private.check_default_model_is_priced() is
  'Trigger: user_settings.default_provider/default_model must have a model_pricing row effective now.';
revoke execute on function private.check_default_model_is_priced() from public, anon, authenticated;

create trigger user_settings_default_model_is_priced
  before update of default_provider, default_model on public.user_settings
  for each row
  when (new.default_provider is distinct from old.default_provider or new.default_model is distinct from old.default_model)
  execute function private.check_default_model_is_priced();
