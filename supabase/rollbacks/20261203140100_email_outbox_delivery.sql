-- Rollback of 20261203140100_email_outbox_delivery.sql.
alter table public.user_settings drop column notify_activity_email;

drop index if exists public.email_outbox_sending_claimed_at_idx;
alter table public.email_outbox
  drop constraint email_outbox_status_check,
  drop column dedupe_key,
  drop column provider_message_id,
  drop column claimed_at;
update public.email_outbox set status = 'failed' where status = 'dead';
alter table public.email_outbox
  add constraint email_outbox_status_check check (status in ('pending', 'sending', 'sent', 'failed'));
comment on column public.email_outbox.status is null;
