-- Live run views over Realtime: each new run event is announced on the run's private broadcast
-- topic `run:<run id>` when its transaction commits (never for a rolled-back step), and only the
-- run's owner may join that topic. The announcement carries only the event's sequence number and
-- type: the SPA reads the events themselves (seq > last) from public.run_events under RLS, so a
-- lost or late broadcast costs at most a delay, never an event (src/lib/use-run-events.ts).

create function private.announce_run_event()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform realtime.send(
    jsonb_build_object('seq', new.seq, 'type', new.type),
    'run_event',
    'run:' || new.run_id::text,
    true
  );
  return null;
end;
$$;
comment on function private.announce_run_event() is
  'Trigger: announces a new run event on the private Realtime topic run:<run id> at commit.';
revoke execute on function private.announce_run_event() from public, anon, authenticated;

create trigger run_events_announce
  after insert on public.run_events
  for each row execute function private.announce_run_event();

-- Joining run:<id> (and receiving its broadcasts) is a SELECT on realtime.messages for that topic,
-- decided by this policy as the joining user. No INSERT policy: clients cannot broadcast there.
create policy "Run owners can receive their run's events"
  on realtime.messages for select to authenticated
  using (
    realtime.messages.extension = 'broadcast'
    and (select realtime.topic()) like 'run:%'
    and exists (
      select 1 from public.runs r
      where r.id::text = split_part((select realtime.topic()), ':', 2)
        and r.user_id = (select auth.uid())
    )
  );
