-- Rollback of 20261121170100_add_allowance_grant_index.sql.

drop index public.credit_ledger_user_id_created_at_allowance_grant_idx;
