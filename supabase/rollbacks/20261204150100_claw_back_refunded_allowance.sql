-- Rollback of 20261204150100_claw_back_refunded_allowance.sql (allowance claw-back rows, if any,
-- must be removed first: the old constraint allows claw-backs from the purchased bucket only).
drop function if exists billing.claw_back_allowance(uuid, bigint, timestamptz, text, jsonb);

alter table public.credit_ledger drop constraint credit_ledger_check;
alter table public.credit_ledger add constraint credit_ledger_check check (
  case kind
    when 'allowance_grant' then bucket = 'allowance' and amount >= 0
    when 'allowance_expiry' then bucket = 'allowance' and amount <= 0
    when 'purchase' then bucket = 'purchased' and amount > 0
    when 'usage' then amount < 0
    when 'refund' then amount > 0
    when 'clawback' then bucket = 'purchased' and amount <= 0
    else true
  end
);
