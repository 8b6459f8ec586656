-- Rollback of 20261203121000_create_chat_attachments.sql. Empty the chat-attachments bucket
-- through the Storage API first (storage.objects rows cannot be deleted by SQL).

drop table public.chat_attachments;

drop policy "Users can delete their own chat attachments" on storage.objects;
drop policy "Users can read their own chat attachments" on storage.objects;
drop policy "Users can upload chat attachments into their own folder" on storage.objects;

set local storage.allow_delete_query = 'true';
delete from storage.buckets where id = 'chat-attachments';
