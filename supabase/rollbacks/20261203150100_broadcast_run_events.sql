-- Rollback: run views go back to polling (the SPA falls back by itself when the topic is refused).
drop policy "Run owners can receive their run's events" on realtime.messages;
drop trigger run_events_announce on public.run_events;
drop function private.announce_run_event();
