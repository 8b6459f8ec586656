-- Marketplace ranking counts only what a user cannot inflate for free (issue: 10 hire/fire cycles
-- gave hire_count 11; 200 prompts inserted through the Data API gave total_messages 200 without a
-- single model call).
--
-- hire_count     distinct users who ever hired the employee. private.employee_hirers remembers
--                who, so firing and hiring again counts once.
-- total_messages answered exchanges: assistant answers metered by a model call. The agents
--                function sets chat_messages.request_id when it settles an answer — a column users
--                cannot write — so a prompt alone, or any number of them, counts nothing.

create table private.employee_hirers (
  employee_id uuid not null references public.ai_employees (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  first_hired_at timestamptz not null default now(),
  primary key (employee_id, user_id)
);
comment on table private.employee_hirers is
  'Who ever hired which employee, so hire_count counts distinct users. Written only by the hire trigger; RLS on and no policy: nobody reads it through the API.';
create index employee_hirers_user_id_idx on private.employee_hirers (user_id);
alter table private.employee_hirers enable row level security;
revoke all on table private.employee_hirers from public, anon, authenticated;

-- Hires: +1 only for a user's first hire of the employee; active_users as before.
create or replace function private.count_employee_hires()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_first_hire integer;
begin
  if tg_op = 'INSERT' then
    insert into private.employee_hirers (employee_id, user_id, first_hired_at)
    values (new.employee_id, new.user_id, new.hired_at)
    on conflict (employee_id, user_id) do nothing;
    get diagnostics v_first_hire = row_count;
    update public.employee_analytics
    set hire_count = hire_count + v_first_hire,
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

-- Messages: one per answer when its settlement lands (request_id goes from null to set).
drop trigger chat_messages_count_employee_messages on public.chat_messages;
drop function private.count_employee_messages();

create function private.count_answered_exchange()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.employee_analytics a
  set total_messages = a.total_messages + 1, updated_at = now()
  from public.chat_sessions s
  where s.id = new.session_id and a.employee_id = s.employee_id;
  return null;
end;
$$;
comment on function private.count_answered_exchange() is
  'Trigger: counts an assistant answer in employee_analytics.total_messages once it is metered.';
revoke execute on function private.count_answered_exchange() from public, anon, authenticated;

create trigger chat_messages_count_answered_exchange
  after update of request_id on public.chat_messages
  for each row
  when (old.request_id is null and new.request_id is not null and new.role = 'assistant')
  execute function private.count_answered_exchange();

comment on column public.employee_analytics.hire_count is 'Distinct users who ever hired the employee.';
comment on column public.employee_analytics.total_messages is
  'Answered exchanges: assistant answers metered by a model call (prompts alone count nothing).';

-- Backfill from what the database holds (fired hires of the past are not known any more).
insert into private.employee_hirers (employee_id, user_id, first_hired_at)
select employee_id, user_id, hired_at from public.purchased_employees
on conflict do nothing;

update public.employee_analytics a
set hire_count = (select count(*) from private.employee_hirers h where h.employee_id = a.employee_id),
    total_messages = (
      select count(*) from public.chat_messages m
      join public.chat_sessions s on s.id = m.session_id
      where s.employee_id = a.employee_id and m.role = 'assistant' and m.request_id is not null
    ),
    updated_at = now();
