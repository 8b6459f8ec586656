-- A deleted user's ledger rows stop naming them in their idempotency keys too (ADR 0046).
--
-- Some keys embed the user id (`allowance:<user id>:<month>` for the signup and monthly grants),
-- so after ON DELETE SET NULL the row still pointed to the person. The append-only trigger now
-- completes that one permitted change itself: when user_id becomes null (everything else
-- unchanged), the user id inside the key is replaced by a random uuid. Keys stay unique (a
-- fresh uuid per row) and cannot be traced back; amounts, kinds and times are kept.

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
      new.idempotency_key := replace(old.idempotency_key, old.user_id::text, gen_random_uuid()::text);
      return new;
    end if;
  end if;
  raise exception 'credit_ledger is append-only (% refused)', lower(tg_op)
    using errcode = '42501';
end;
$$;
comment on function private.keep_credit_ledger_append_only() is
  'Trigger: the ledger is append-only; only the anonymising ON DELETE SET NULL may touch an existing row, and it also takes the user id out of the idempotency key.';
