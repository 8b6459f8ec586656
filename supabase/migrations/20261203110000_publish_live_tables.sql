-- Live updates in the SPA: Realtime streams changes of the tables in the `supabase_realtime`
-- publication to subscribers whose RLS lets them read the row (ADR 0028, 0029).
--   credit_accounts  the balance, after an answer is settled or a pack is bought in another tab
--   chat_sessions    a chat started in another tab appears in the sessions list
--   notifications    the header bell's unread count and list
-- Only RLS-readable rows reach a subscriber, and for these tables that is the owner's own rows.
-- The publication exists on every Supabase project (and in the local bootstrap).
alter publication supabase_realtime add table public.credit_accounts, public.chat_sessions, public.notifications;
