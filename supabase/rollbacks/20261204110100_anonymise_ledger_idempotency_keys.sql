-- Rollback of 20261204110100_anonymise_ledger_idempotency_keys.sql: the trigger as
-- 20261121003000_create_credit_tables.sql created it (keys already rewritten stay rewritten).

create or replace function private.keep_credit_ledger_append_only()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' then
    if old.user_id is not null
       and new.user_id is null
       and (to_jsonb(new) - 'user_id') = (to_jsonb(old) - 'user_id') then
      return new;
    end if;
  end if;
  raise exception 'credit_ledger is append-only (% refused)', lower(tg_op)
    using errcode = '42501';
end;
$$;
comment on function private.keep_credit_ledger_append_only() is
  'Trigger: the ledger is append-only; only the anonymising ON DELETE SET NULL may touch an existing row.';
