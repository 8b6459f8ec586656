-- Usage alerts: "purchased credits running low", next to the allowance thresholds.
--
-- What "low" means: the purchased balance falls below 10 % of what it was right after the user's
-- latest purchase (the purchase ledger row's balance_after). Why relative, not a fixed floor such
-- as 1,000,000 credits ($1): token packs differ a lot in size, and a fixed floor would warn a
-- small-pack buyer at once (or never arm at all if the pack is below the floor) while telling a
-- large-pack buyer only when the credits are all but gone. 10 % of their own top-up warns every
-- buyer with the same share of runway left, which is what the alert is for.
--
-- "One per threshold per period": purchased credits never expire, so their period is "since the
-- latest purchase". The alert's period_start is that purchase's created_at, so a new purchase
-- re-arms the alert and the existing unique (user_id, period_start, threshold_percent) keeps it to
-- one per purchase. threshold_percent 10 belongs to purchased_low alone (checked below), so a
-- purchased alert can never collide with an allowance alert under that key.
--
-- The gateway finds the latest purchase on every settlement that draws purchased credits; the
-- partial index below answers that with one index probe however many usage rows the ledger holds.

alter table public.usage_alerts drop constraint usage_alerts_threshold_percent_check;
alter table public.usage_alerts drop constraint usage_alerts_kind_check;

alter table public.usage_alerts
  add constraint usage_alerts_threshold_percent_check check (threshold_percent in (10, 50, 80, 90, 100)),
  add constraint usage_alerts_kind_check check (kind in ('warning', 'critical', 'limit_reached', 'purchased_low')),
  add constraint usage_alerts_purchased_low_threshold_check check ((kind = 'purchased_low') = (threshold_percent = 10));

comment on table public.usage_alerts is
  'Usage thresholds crossed: allowance 50/80/90/100 % used (one per threshold per allowance period) and purchased credits under 10 % (purchased_low, one per purchase). Written by the gateway; users read and acknowledge theirs.';
comment on column public.usage_alerts.kind is
  'warning/critical/limit_reached: allowance thresholds. purchased_low: the purchased balance fell below 10 % of its balance right after the latest purchase.';
comment on column public.usage_alerts.period_start is
  'Allowance alerts: start of the allowance period. purchased_low: created_at of the latest purchase, so each purchase re-arms the alert.';
comment on column public.usage_alerts.threshold_percent is
  'Allowance alerts: percent of the allowance used. purchased_low: always 10, the percent of the post-purchase balance still left.';
comment on column public.usage_alerts.allowance_credits is
  'Allowance alerts: the period''s allowance. purchased_low: the purchased balance right after the latest purchase.';
comment on column public.usage_alerts.used_credits is
  'Credits used of allowance_credits when the alert was triggered.';

create index credit_ledger_user_id_created_at_purchase_idx on public.credit_ledger (user_id, created_at desc)
  include (balance_after)
  where kind = 'purchase';
