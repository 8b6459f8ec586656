-- Rollback of 20261121004000_create_money_functions.sql: the billing schema and everything in it,
-- and the private helpers the money functions use.
drop function if exists private.credit_balance_of(public.credit_accounts);
drop function if exists private.settlement_of(public.credit_reservations);
drop function if exists private.lock_credit_account(uuid);
drop function if exists private.require_idempotency_key(text);
drop schema if exists billing cascade;
