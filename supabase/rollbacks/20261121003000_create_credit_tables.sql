-- Rollback of 20261121003000_create_credit_tables.sql.
drop table if exists public.credit_reservations;
drop table if exists public.credit_ledger;
drop function if exists private.keep_credit_ledger_append_only();
drop view if exists public.credit_balances;
drop table if exists public.credit_accounts;
