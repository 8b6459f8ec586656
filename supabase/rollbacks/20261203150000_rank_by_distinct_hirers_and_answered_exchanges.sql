-- Rollback: hire_count counts every hire again and total_messages every chat message.
drop trigger chat_messages_count_answered_exchange on public.chat_messages;
drop function private.count_answered_exchange();

create function private.count_employee_messages()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.employee_analytics a
  set total_messages = a.total_messages + counted.messages, updated_at = now()
  from (
    select s.employee_id, count(*) as messages
    from new_messages m
    join public.chat_sessions s on s.id = m.session_id
    where s.employee_id is not null
    group by s.employee_id
  ) counted
  where a.employee_id = counted.employee_id;
  return null;
end;
$$;
revoke execute on function private.count_employee_messages() from public, anon, authenticated;

create trigger chat_messages_count_employee_messages
  after insert on public.chat_messages
  referencing new table as new_messages
  for each statement execute function private.count_employee_messages();

create or replace function private.count_employee_hires()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    update public.employee_analytics
    set hire_count = hire_count + 1,
        active_users = active_users + new.is_active::integer,
        last_hired_at = greatest(last_hired_at, new.hired_at),
        updated_at = now()
    where employee_id = new.employee_id;
  elsif tg_op = 'UPDATE' then
    if new.is_active is distinct from old.is_active then
      update public.employee_analytics
      set active_users = active_users + case when new.is_active then 1 else -1 end,
          updated_at = now()
      where employee_id = new.employee_id;
    end if;
  elsif old.is_active then
    update public.employee_analytics
    set active_users = active_users - 1, updated_at = now()
    where employee_id = old.employee_id;
  end if;
  return null;
end;
$$;
revoke execute on function private.count_employee_hires() from public, anon, authenticated;

drop table private.employee_hirers;

comment on column public.employee_analytics.hire_count is null;
comment on column public.employee_analytics.total_messages is null;

update public.employee_analytics a
set total_messages = (
      select count(*) from public.chat_messages m
      join public.chat_sessions s on s.id = m.session_id
      where s.employee_id = a.employee_id
    ),
    updated_at = now();
