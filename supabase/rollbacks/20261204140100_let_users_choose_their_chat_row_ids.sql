-- Rollback of 20261204140100_let_users_choose_their_chat_row_ids.sql. The agents function must be
-- back on writing the exchange at the service level before this runs.
revoke insert (id) on table public.chat_sessions from authenticated;
revoke insert (id) on table public.chat_messages from authenticated;
