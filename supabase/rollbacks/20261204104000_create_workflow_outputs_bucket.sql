-- Rollback of 20261204104000_create_workflow_outputs_bucket.sql. Empty the workflow-outputs
-- bucket through the Storage API first (storage.objects rows cannot be deleted by SQL).

drop policy "Users can delete their own workflow outputs" on storage.objects;
drop policy "Users can read their own workflow outputs" on storage.objects;

set local storage.allow_delete_query = 'true';
delete from storage.buckets where id = 'workflow-outputs';
