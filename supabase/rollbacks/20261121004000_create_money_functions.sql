-- Rollback of 20261121004000_create_money_functions.sql: the billing schema and everything in it.
drop schema if exists billing cascade;
