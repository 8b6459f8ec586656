-- Rollback of 20261203120000_create_avatars_bucket.sql. Empty the bucket through the Storage API
-- first (storage.objects rows cannot be deleted by SQL, and the bytes live in Storage).

drop policy "Users can delete the avatar files in their own folder" on storage.objects;
drop policy "Users can replace the avatar files in their own folder" on storage.objects;
drop policy "Users can see the avatar files in their own folder" on storage.objects;
drop policy "Users can upload an avatar into their own folder" on storage.objects;

update public.user_profiles set avatar_url = null where avatar_url like '%/storage/v1/object/public/avatars/%';
set local storage.allow_delete_query = 'true';
delete from storage.buckets where id = 'avatars';
