-- Rollback of 20261204110200_check_default_model_is_priced.sql.
drop trigger user_settings_default_model_is_priced on public.user_settings;
drop function private.check_default_model_is_priced();
