-- The agents function writes the user's side of an exchange as the user, under RLS (issue 19,
-- netlify/lib/agents/chat-session.ts). It names the rows itself — the ids go into the credit
-- reservation made before anything is written — so the user may supply `id` when inserting their
-- own session or prompt. Nothing else changes: the insert policies still decide whose session and
-- which employee, and users still write no other column of an answer.
grant insert (id) on table public.chat_sessions to authenticated;
grant insert (id) on table public.chat_messages to authenticated;
