-- Rollback of 20261204110000_anonymise_token_usage_on_user_delete.sql: usage rows of deleted users
-- (user_id null) cannot be given back an owner, so they are removed before the column is made
-- not null again and the FK cascades as before.

comment on column public.token_usage.user_id is null;

alter table public.token_usage drop constraint token_usage_user_id_fkey;
delete from public.token_usage where user_id is null;
alter table public.token_usage alter column user_id set not null;
alter table public.token_usage
  add constraint token_usage_user_id_fkey foreign key (user_id)
  references auth.users (id) on delete cascade;
