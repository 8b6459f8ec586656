-- Support tickets as the support pages use them (issue 16).
--
-- * Priority is the staff's call: the column grants that let a user set it on insert or update
--   are revoked (staff change it through /api/admin/support/tickets/:id, a service action).
-- * Categories are the four the product offers: billing, bug, account, other (technical → bug,
--   feedback → other).
-- * A ticket may point at one of the user's chats or team runs; the insert policy checks it is
--   theirs.
-- * At most 10 new tickets per user per rolling 24 hours, counted in the database so no client
--   can go around it (PT429 → HTTP 429 through PostgREST).
-- * Lifecycle: a staff reply moves an open ticket to pending ("waiting on you"); a customer reply
--   on a pending or resolved ticket moves it back to open; a closed ticket takes no customer
--   replies until it is reopened.
-- * Staff replies are written only by the staff reply function, which creates the in-app
--   notification and the email in the same transaction: the direct insert policy for admins goes.
-- * open_support_ticket() opens a ticket with its first message in one transaction, under RLS.

-- ---------------------------------------------------------------------------------------------
-- Priority: staff only.
-- ---------------------------------------------------------------------------------------------
revoke insert (priority), update (priority) on table public.support_tickets from authenticated;

-- ---------------------------------------------------------------------------------------------
-- Categories.
-- ---------------------------------------------------------------------------------------------
alter table public.support_tickets drop constraint support_tickets_category_check;
update public.support_tickets set category = 'bug' where category = 'technical';
update public.support_tickets set category = 'other' where category = 'feedback';
alter table public.support_tickets
  add constraint support_tickets_category_check check (category in ('billing', 'bug', 'account', 'other'));

-- ---------------------------------------------------------------------------------------------
-- References to a chat or a team run.
-- ---------------------------------------------------------------------------------------------
alter table public.support_tickets
  add column chat_session_id uuid references public.chat_sessions (id) on delete set null,
  add column team_run_id uuid references public.multi_agent_conversations (id) on delete set null;
comment on column public.support_tickets.chat_session_id is 'The chat the ticket is about, if any (one of the author''s own).';
comment on column public.support_tickets.team_run_id is 'The team run the ticket is about, if any (one of the author''s own).';
create index support_tickets_chat_session_id_idx on public.support_tickets (chat_session_id);
create index support_tickets_team_run_id_idx on public.support_tickets (team_run_id);
-- The daily limit counts a user's tickets by creation time.
create index support_tickets_user_id_created_at_idx on public.support_tickets (user_id, created_at desc);
grant insert (chat_session_id, team_run_id) on table public.support_tickets to authenticated;

drop policy "Users can open their own tickets" on public.support_tickets;
create policy "Users can open their own tickets"
  on public.support_tickets for insert to authenticated
  with check (
    user_id = (select auth.uid())
    and status = 'open'
    and (
      chat_session_id is null
      or exists (
        select 1 from public.chat_sessions s
        where s.id = support_tickets.chat_session_id and s.user_id = (select auth.uid())
      )
    )
    and (
      team_run_id is null
      or exists (
        select 1 from public.multi_agent_conversations r
        where r.id = support_tickets.team_run_id and r.user_id = (select auth.uid())
      )
    )
  );

-- ---------------------------------------------------------------------------------------------
-- 10 new tickets per user per 24 hours.
-- ---------------------------------------------------------------------------------------------
create or replace function private.limit_new_support_tickets()
returns trigger
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_recent integer;
begin
  -- Users open tickets as `authenticated`; the service role (staff tools, imports) is not limited.
  if current_user <> 'authenticated' then
    return new;
  end if;
  -- Serialises one user's concurrent inserts so that two requests cannot both see 9.
  perform pg_advisory_xact_lock(hashtextextended('support_tickets:' || new.user_id::text, 0));
  select count(*) into v_recent
  from public.support_tickets t
  where t.user_id = new.user_id and t.created_at > now() - interval '24 hours';
  if v_recent >= 10 then
    raise exception using
      errcode = 'PT429',
      message = 'You can open at most 10 support tickets a day. Please add to an open ticket instead.';
  end if;
  return new;
end;
$$;
comment on function private.limit_new_support_tickets() is
  'Trigger: refuses an 11th ticket by the same user within 24 hours (SQLSTATE PT429, HTTP 429).';
revoke execute on function private.limit_new_support_tickets() from public, anon, authenticated;

create trigger support_tickets_limit_new
  before insert on public.support_tickets
  for each row execute function private.limit_new_support_tickets();

-- ---------------------------------------------------------------------------------------------
-- Replies and the ticket's status.
-- ---------------------------------------------------------------------------------------------
create or replace function private.touch_support_ticket()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.support_tickets t
  set last_message_at = new.created_at,
      status = case
        when new.is_staff and t.status = 'open' then 'pending'
        when not new.is_staff and t.status in ('pending', 'resolved') then 'open'
        else t.status
      end
  where t.id = new.ticket_id;
  return null;
end;
$$;
comment on function private.touch_support_ticket() is
  'Trigger: bumps the ticket''s last_message_at; a staff reply moves an open ticket to pending, a customer reply moves a pending or resolved one back to open.';

drop policy "Users can write on their own tickets" on public.support_ticket_messages;
create policy "Users can write on their own tickets"
  on public.support_ticket_messages for insert to authenticated
  with check (
    author_id = (select auth.uid())
    and not is_staff
    and exists (
      select 1 from public.support_tickets t
      where t.id = support_ticket_messages.ticket_id
        and t.user_id = (select auth.uid())
        and t.status <> 'closed'
    )
  );

-- Staff replies go through the staff reply function (notification and email in one transaction).
drop policy "Admins can reply on every ticket" on public.support_ticket_messages;

-- ---------------------------------------------------------------------------------------------
-- open_support_ticket: the ticket and its first message together.
-- ---------------------------------------------------------------------------------------------
create or replace function public.open_support_ticket(
  p_subject text,
  p_category text,
  p_body text,
  p_chat_session_id uuid default null,
  p_team_run_id uuid default null
)
returns uuid
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_ticket_id uuid;
begin
  insert into public.support_tickets (user_id, subject, category, chat_session_id, team_run_id)
  values ((select auth.uid()), p_subject, p_category, p_chat_session_id, p_team_run_id)
  returning id into v_ticket_id;
  insert into public.support_ticket_messages (ticket_id, author_id, body)
  values (v_ticket_id, (select auth.uid()), p_body);
  return v_ticket_id;
end;
$$;
comment on function public.open_support_ticket(text, text, text, uuid, uuid) is
  'Opens a ticket with its first message in one transaction. Security invoker: RLS, the column grants and the daily limit apply as for direct inserts.';
revoke execute on function public.open_support_ticket(text, text, text, uuid, uuid) from public, anon;
grant execute on function public.open_support_ticket(text, text, text, uuid, uuid) to authenticated;
