-- Every settlement that charges the allowance looks up the grant of the running allowance period
-- (usage alerts, netlify/lib/llm/usage-alerts.ts). Through credit_ledger_user_id_created_at_idx it
-- read all of the user's ledger rows and filtered out the usage ones, so the settlement got slower
-- with every call the user had ever made (364 rows read for one grant after 360 calls). Grants are
-- one per period: this partial index keeps the lookup to those few rows.

create index credit_ledger_user_id_created_at_allowance_grant_idx
  on public.credit_ledger (user_id, created_at desc)
  where kind = 'allowance_grant';
