-- Rollback: no admin credit adjustments, no account suspension.
drop function billing.adjust_credits(uuid, uuid, bigint, text, text, text);
drop index public.profiles_suspended_at_idx;
alter table public.profiles drop column suspended_reason, drop column suspended_at;
