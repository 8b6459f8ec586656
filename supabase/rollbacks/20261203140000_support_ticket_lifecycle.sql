-- Rollback of 20261203140000_support_ticket_lifecycle.sql.
drop function if exists public.open_support_ticket(text, text, text, uuid, uuid);

create policy "Admins can reply on every ticket"
  on public.support_ticket_messages for insert to authenticated
  with check (author_id = (select auth.uid()) and (select private.is_admin()));

drop policy "Users can write on their own tickets" on public.support_ticket_messages;
create policy "Users can write on their own tickets"
  on public.support_ticket_messages for insert to authenticated
  with check (
    author_id = (select auth.uid())
    and not is_staff
    and exists (
      select 1 from public.support_tickets t
      where t.id = support_ticket_messages.ticket_id and t.user_id = (select auth.uid())
    )
  );

create or replace function private.touch_support_ticket()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.support_tickets t
  set last_message_at = new.created_at,
      status = case when new.is_staff and t.status = 'open' then 'pending' else t.status end
  where t.id = new.ticket_id;
  return null;
end;
$$;
comment on function private.touch_support_ticket() is 'Trigger: bumps the ticket''s last_message_at; a staff reply moves an open ticket to pending.';

drop trigger if exists support_tickets_limit_new on public.support_tickets;
drop function if exists private.limit_new_support_tickets();

drop policy "Users can open their own tickets" on public.support_tickets;
create policy "Users can open their own tickets"
  on public.support_tickets for insert to authenticated
  with check (user_id = (select auth.uid()) and status = 'open');

drop index if exists public.support_tickets_user_id_created_at_idx;
alter table public.support_tickets drop column team_run_id, drop column chat_session_id;

alter table public.support_tickets drop constraint support_tickets_category_check;
update public.support_tickets set category = 'technical' where category = 'bug';
alter table public.support_tickets
  add constraint support_tickets_category_check
  check (category in ('billing', 'technical', 'account', 'feedback', 'other'));

grant insert (priority), update (priority) on table public.support_tickets to authenticated;
