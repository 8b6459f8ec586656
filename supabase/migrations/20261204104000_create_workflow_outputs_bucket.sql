-- Workflow step outputs saved as files (issue 14; docs/decisions/0043): a private
-- `workflow-outputs` bucket with one Markdown file per saved step at
-- `<user id>/<run id>/<step key>.md`. Only the run worker writes (service role, upsert: a retried
-- attempt rewrites the same file); owners read and delete their own folder under Storage RLS.

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('workflow-outputs', 'workflow-outputs', false, 5242880, array['text/markdown'])
on conflict (id) do update
  set public = excluded.public,
      file_size_limit = excluded.file_size_limit,
      allowed_mime_types = excluded.allowed_mime_types;

create policy "Users can read their own workflow outputs"
  on storage.objects for select to authenticated
  using (bucket_id = 'workflow-outputs' and (storage.foldername(name))[1] = (select auth.uid())::text);

create policy "Users can delete their own workflow outputs"
  on storage.objects for delete to authenticated
  using (bucket_id = 'workflow-outputs' and (storage.foldername(name))[1] = (select auth.uid())::text);
