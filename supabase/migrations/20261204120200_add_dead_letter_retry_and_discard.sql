-- The dead-letter queue heals itself and can be triaged (issue 17, DESIGN.md §6 "DLQ retry").
--
-- A scheduled function (webhook-retry) replays unresolved dead letters whose next_retry_at has
-- come, with exponential backoff (5 min, 10, 20, 40, 80; then it stops and waits for a person).
-- It claims a row by moving next_retry_at forward under `for update skip locked`, so two runs
-- never replay the same event at once; the replay itself is the webhook's exactly-once path.
-- An admin can also discard a dead letter (with a reason, audited): it leaves the queue unapplied.

alter table public.failed_webhook_events
  add column auto_retry_count integer not null default 0 check (auto_retry_count >= 0),
  add column next_retry_at timestamptz default now() + interval '5 minutes',
  add column discarded_at timestamptz,
  add column discarded_by uuid references auth.users (id) on delete set null,
  add column discard_reason text check (char_length(discard_reason) <= 500);
comment on column public.failed_webhook_events.auto_retry_count is 'Automatic replays tried by the webhook-retry schedule.';
comment on column public.failed_webhook_events.next_retry_at is
  'When the schedule replays this dead letter next; null once it has given up (after 5 automatic tries) or the row is resolved.';
comment on column public.failed_webhook_events.discarded_at is 'Set when an admin discarded the event (resolved without applying it).';

-- The schedule's scan: unresolved rows due for a retry.
create index failed_webhook_events_next_retry_at_idx on public.failed_webhook_events (next_retry_at)
  where resolved_at is null and next_retry_at is not null;
create index failed_webhook_events_discarded_by_idx on public.failed_webhook_events (discarded_by)
  where discarded_by is not null;
