-- Rollback: no automatic retry or discard of dead letters.
drop index public.failed_webhook_events_discarded_by_idx;
drop index public.failed_webhook_events_next_retry_at_idx;
alter table public.failed_webhook_events
  drop column discard_reason,
  drop column discarded_by,
  drop column discarded_at,
  drop column next_retry_at,
  drop column auto_retry_count;
