-- Rollback of 20261204140200_begin_call_in_one_statement.sql. The gateway must be back on the
-- pipeline's rate limit and billing.reserve_call before this runs.
drop function billing.begin_call(text, jsonb, integer, uuid, text, text, text, text, bigint, bigint, uuid, uuid);
