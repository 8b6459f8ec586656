-- Employee analytics: triggers that keep employee_analytics in step with hires, reviews and chat
-- messages, so the marketplace sorts by popularity and rating without aggregating on read.
--
-- All trigger functions are security definer: the rows that fire them are written by users
-- (hires, reviews, prompts), who have no write access to employee_analytics.
-- hire_count counts hires ever made; active_users counts hires currently active (one hire per
-- user and employee, so that is the number of users); total_messages counts chat messages in
-- sessions with the employee; avg_rating is derived from review_count and rating_sum.

-- Every employee gets its counter row when it is created.
create function private.create_employee_analytics()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.employee_analytics (employee_id) values (new.id) on conflict (employee_id) do nothing;
  return null;
end;
$$;
revoke execute on function private.create_employee_analytics() from public, anon, authenticated;

create trigger ai_employees_create_analytics
  after insert on public.ai_employees
  for each row execute function private.create_employee_analytics();

-- Hires: +1 hire on insert; active_users follows is_active through insert, update and delete.
create function private.count_employee_hires()
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

create trigger purchased_employees_count_hires
  after insert or update of is_active or delete on public.purchased_employees
  for each row execute function private.count_employee_hires();

-- Reviews: count and rating sum (the average is a generated column).
create function private.count_employee_reviews()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    update public.employee_analytics
    set review_count = review_count - 1, rating_sum = rating_sum - old.rating, updated_at = now()
    where employee_id = old.employee_id;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    update public.employee_analytics
    set review_count = review_count + 1, rating_sum = rating_sum + new.rating, updated_at = now()
    where employee_id = new.employee_id;
  end if;
  return null;
end;
$$;
revoke execute on function private.count_employee_reviews() from public, anon, authenticated;

create trigger employee_reviews_count_reviews
  after insert or update of rating, employee_id or delete on public.employee_reviews
  for each row execute function private.count_employee_reviews();

-- Messages: statement-level with a transition table, so a batch insert costs one update per
-- employee instead of one per message.
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

-- Backfill for databases that already hold employees (a no-op on a fresh one).
insert into public.employee_analytics (employee_id, hire_count, active_users, total_messages, review_count, rating_sum, last_hired_at)
select
  e.id,
  (select count(*) from public.purchased_employees h where h.employee_id = e.id),
  (select count(*) from public.purchased_employees h where h.employee_id = e.id and h.is_active),
  (select count(*) from public.chat_messages m join public.chat_sessions s on s.id = m.session_id where s.employee_id = e.id),
  (select count(*) from public.employee_reviews r where r.employee_id = e.id),
  (select coalesce(sum(r.rating), 0) from public.employee_reviews r where r.employee_id = e.id),
  (select max(h.hired_at) from public.purchased_employees h where h.employee_id = e.id)
from public.ai_employees e
on conflict (employee_id) do update
set hire_count = excluded.hire_count,
    active_users = excluded.active_users,
    total_messages = excluded.total_messages,
    review_count = excluded.review_count,
    rating_sum = excluded.rating_sum,
    last_hired_at = excluded.last_hired_at,
    updated_at = now();
