-- Rollback of 20261203140200_email_usage_alerts.sql.
drop trigger if exists usage_alerts_queue_email on public.usage_alerts;
drop function if exists private.queue_usage_alert_email();
