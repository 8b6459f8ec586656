-- Usage alerts by email (issue 16, ADR 0037).
--
-- The gateway's settlement inserts usage_alerts inside its own statement; this trigger queues the
-- matching email in the same transaction, so an alert and its email commit together or not at
-- all. Only the template name and the facts go into the row: the wording is the usage_alert
-- template's (netlify/lib/email/templates). Users who turned usage emails off get none.

create or replace function private.queue_usage_alert_email()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.email_outbox (user_id, to_email, template, payload, dedupe_key)
  select new.user_id, u.email, 'usage_alert',
         jsonb_build_object(
           'kind', new.kind,
           'thresholdPercent', new.threshold_percent,
           'usedCredits', new.used_credits,
           'allowanceCredits', new.allowance_credits
         ),
         'usage_alert:' || new.id
  from auth.users u
  left join public.user_settings s on s.user_id = u.id
  where u.id = new.user_id
    and u.email is not null
    and coalesce(s.notify_usage_email, true)
  on conflict (dedupe_key) do nothing;
  return null;
end;
$$;
comment on function private.queue_usage_alert_email() is
  'Trigger: queues the usage_alert email for a new usage alert, unless the user turned usage emails off.';
revoke execute on function private.queue_usage_alert_email() from public, anon, authenticated;

create trigger usage_alerts_queue_email
  after insert on public.usage_alerts
  for each row execute function private.queue_usage_alert_email();
