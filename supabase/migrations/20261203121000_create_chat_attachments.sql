-- Chat attachments: files a user attaches to a chat message (text, Markdown, CSV, JSON, PDF; at
-- most 10 MiB each, 5 per message). The file lives in the private `chat-attachments` bucket under
-- the user's own folder (`<user id>/<upload id>/<file name>`); the agents function reads it with
-- the user's own token (so RLS decides), extracts its text and records it here, with the message
-- it belongs to. Both the file and the text are readable by their owner only.

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values (
  'chat-attachments',
  'chat-attachments',
  false,
  10485760,
  array['text/plain', 'text/markdown', 'text/csv', 'application/json', 'application/pdf']
)
on conflict (id) do update
  set public = excluded.public,
      file_size_limit = excluded.file_size_limit,
      allowed_mime_types = excluded.allowed_mime_types;

-- No UPDATE policy: an attached file is never replaced (upsert is refused); a new one is uploaded.
create policy "Users can upload chat attachments into their own folder"
  on storage.objects for insert to authenticated
  with check (bucket_id = 'chat-attachments' and (storage.foldername(name))[1] = (select auth.uid())::text);

create policy "Users can read their own chat attachments"
  on storage.objects for select to authenticated
  using (bucket_id = 'chat-attachments' and (storage.foldername(name))[1] = (select auth.uid())::text);

create policy "Users can delete their own chat attachments"
  on storage.objects for delete to authenticated
  using (bucket_id = 'chat-attachments' and (storage.foldername(name))[1] = (select auth.uid())::text);

create table public.chat_attachments (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  session_id uuid not null references public.chat_sessions (id) on delete cascade,
  message_id uuid not null references public.chat_messages (id) on delete cascade,
  -- Order of the files within the message, as the user attached them.
  position smallint not null check (position between 0 and 4),
  object_path text not null check (char_length(object_path) <= 1024),
  file_name text not null check (char_length(file_name) between 1 and 255),
  content_type text not null,
  size_bytes bigint not null check (size_bytes between 0 and 10485760),
  extracted_text text not null,
  created_at timestamptz not null default now(),
  unique (message_id, position)
);
comment on table public.chat_attachments is
  'Files attached to a chat message: where the file is in the chat-attachments bucket and the text the agents function extracted from it (sent to the model with the message, also in later turns). Written by the agents function; deleted with the session or message.';
comment on column public.chat_attachments.object_path is 'Key in the chat-attachments Storage bucket; the SPA removes the file through Storage when the session is deleted.';

create index chat_attachments_message_id_idx on public.chat_attachments (message_id);
create index chat_attachments_session_id_idx on public.chat_attachments (session_id);
create index chat_attachments_user_id_idx on public.chat_attachments (user_id);

alter table public.chat_attachments enable row level security;
revoke all on table public.chat_attachments from anon, authenticated;
grant select on table public.chat_attachments to authenticated;
grant select, insert, update, delete on table public.chat_attachments to service_role;

create policy "Users can read the attachments of their own messages"
  on public.chat_attachments for select to authenticated
  using (user_id = (select auth.uid()));
