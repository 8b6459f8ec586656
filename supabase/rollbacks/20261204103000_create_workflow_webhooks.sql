-- Rollback of 20261204103000_create_workflow_webhooks.sql.
drop table public.workflow_webhook_deliveries;
drop table public.workflow_webhook_secrets;
drop table public.workflow_webhooks;
