-- The email outbox as the sender uses it (issue 16, ADR 0037).
--
-- * status: pending → sending (claimed by one sender run) → sent, or back to pending with a later
--   send_after after a failure, and dead after the 5th failed attempt. ('failed' is renamed dead:
--   it was never written.)
-- * claimed_at: when a sender claimed the row; a row left in sending by a crashed run is claimed
--   again after 10 minutes and resent with the same provider idempotency key (the row id), so the
--   provider delivers it once.
-- * dedupe_key: the cause of the email (e.g. support_reply:<message id>); unique, so a retried
--   cause never queues a second email.
-- * user_settings.notify_activity_email: replies to the user's tickets and their finished or
--   failed runs; on by default like the usage emails.

alter table public.email_outbox drop constraint email_outbox_status_check;
update public.email_outbox set status = 'dead' where status = 'failed';
alter table public.email_outbox
  add constraint email_outbox_status_check check (status in ('pending', 'sending', 'sent', 'dead')),
  add column claimed_at timestamptz,
  add column provider_message_id text,
  add column dedupe_key text unique;
comment on column public.email_outbox.status is
  'pending (due at send_after) → sending (claimed) → sent; a failure returns the row to pending with a backoff, the 5th makes it dead.';
comment on column public.email_outbox.claimed_at is 'When a sender run claimed the row; a sending row older than 10 minutes is claimed again.';
comment on column public.email_outbox.provider_message_id is 'The provider''s id of the delivered message (Resend email id; null for the local outbox).';
comment on column public.email_outbox.dedupe_key is 'What caused the email, unique: the same cause never queues two emails.';

-- The sender's second scan: claims abandoned by a crashed run.
create index email_outbox_sending_claimed_at_idx on public.email_outbox (claimed_at) where status = 'sending';

alter table public.user_settings add column notify_activity_email boolean not null default true;
comment on column public.user_settings.notify_activity_email is
  'Email about the user''s own activity: staff replies to their tickets, finished or failed runs.';
grant update (notify_activity_email) on table public.user_settings to authenticated;
