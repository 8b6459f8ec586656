-- Rollback of 20261121160000_add_purchased_low_usage_alert.sql: restores usage_alerts' checks and
-- comments exactly as 20261121007000_create_usage_tables.sql defines them and drops the purchase
-- index.
--
-- purchased_low rows are deleted rather than refusing the rollback: they only inform the user, and
-- the notification each one sent stays in public.notifications, so losing them costs nothing,
-- while refusing would make the rollback impossible on any database where a purchased balance
-- ever ran low. The previous checks cannot be restored while they exist.

drop index public.credit_ledger_user_id_created_at_purchase_idx;

delete from public.usage_alerts where kind = 'purchased_low';

alter table public.usage_alerts drop constraint usage_alerts_purchased_low_threshold_check;
alter table public.usage_alerts drop constraint usage_alerts_kind_check;
alter table public.usage_alerts drop constraint usage_alerts_threshold_percent_check;

alter table public.usage_alerts
  add constraint usage_alerts_threshold_percent_check check (threshold_percent in (50, 80, 90, 100)),
  add constraint usage_alerts_kind_check check (kind in ('warning', 'critical', 'limit_reached'));

comment on table public.usage_alerts is
  'Allowance usage thresholds crossed (50/80/90/100%), one per threshold per period. Written by the usage-alert job; users read and acknowledge theirs.';
comment on column public.usage_alerts.kind is null;
comment on column public.usage_alerts.period_start is null;
comment on column public.usage_alerts.threshold_percent is null;
comment on column public.usage_alerts.allowance_credits is null;
comment on column public.usage_alerts.used_credits is null;
