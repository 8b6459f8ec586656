-- Rollback of 20261204101000_create_workflow_templates.sql.
drop table public.workflow_templates;
