-- token_usage outlives the user, anonymised, like the credit ledger (ADR 0011, ADR 0046).
--
-- Account deletion must keep the usage rows accounting and the admin usage reports need (tokens,
-- credits charged, model, time) while nothing left points to the person: the FK to auth.users
-- becomes `on delete set null`, so the column must allow null. The rows carry no content (the
-- session and message links are already set null when the chat goes).

alter table public.token_usage alter column user_id drop not null;

alter table public.token_usage drop constraint token_usage_user_id_fkey;
alter table public.token_usage
  add constraint token_usage_user_id_fkey foreign key (user_id)
  references auth.users (id) on delete set null;

comment on column public.token_usage.user_id is
  'The caller; set null when the account is deleted (the row stays for usage and revenue totals).';
