-- Support and content: tickets with replies, FAQ, blog, and the public contact form.
--
-- Tickets belong to their author; staff (profiles.role = admin) read every ticket and reply with
-- is_staff messages. FAQ items and blog posts are public once published and written by the
-- service role. The contact form is insert-only for everyone: a visitor can submit, nobody but
-- admins can read submissions back.

-- ---------------------------------------------------------------------------------------------
-- support_tickets
-- ---------------------------------------------------------------------------------------------
create table public.support_tickets (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  subject text not null check (char_length(subject) between 1 and 200),
  category text not null default 'other' check (category in ('billing', 'technical', 'account', 'feedback', 'other')),
  priority text not null default 'normal' check (priority in ('low', 'normal', 'high', 'urgent')),
  status text not null default 'open' check (status in ('open', 'pending', 'resolved', 'closed')),
  last_message_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.support_tickets is
  'Support tickets. Users open, read and close their own; admins read all and change status and priority.';

create index support_tickets_user_id_last_message_at_idx on public.support_tickets (user_id, last_message_at desc);
-- The staff queue: open work, oldest activity first.
create index support_tickets_status_last_message_at_idx on public.support_tickets (status, last_message_at);

create trigger support_tickets_set_updated_at
  before update on public.support_tickets
  for each row execute function private.set_updated_at();

alter table public.support_tickets enable row level security;
revoke all on table public.support_tickets from anon, authenticated;
grant select on table public.support_tickets to authenticated;
grant insert (user_id, subject, category, priority) on table public.support_tickets to authenticated;
grant update (status, priority) on table public.support_tickets to authenticated;
grant select, insert, update, delete on table public.support_tickets to service_role;

create policy "Users can read their own tickets"
  on public.support_tickets for select to authenticated
  using (user_id = (select auth.uid()));

create policy "Admins can read every ticket"
  on public.support_tickets for select to authenticated
  using ((select private.is_admin()));

create policy "Users can open their own tickets"
  on public.support_tickets for insert to authenticated
  with check (user_id = (select auth.uid()) and status = 'open');

-- Users may only reopen or close; resolving is the staff's call.
create policy "Users can close or reopen their own tickets"
  on public.support_tickets for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()) and status in ('open', 'closed'));

create policy "Admins can update every ticket"
  on public.support_tickets for update to authenticated
  using ((select private.is_admin()))
  with check ((select private.is_admin()));

-- ---------------------------------------------------------------------------------------------
-- support_ticket_messages
-- ---------------------------------------------------------------------------------------------
create table public.support_ticket_messages (
  id uuid primary key default gen_random_uuid(),
  ticket_id uuid not null references public.support_tickets (id) on delete cascade,
  -- A staff author who leaves keeps their replies on the ticket (set null).
  author_id uuid default auth.uid() references auth.users (id) on delete set null,
  is_staff boolean not null default false,
  body text not null check (char_length(body) between 1 and 10000),
  created_at timestamptz not null default now()
);
comment on table public.support_ticket_messages is
  'Messages on a ticket. The ticket''s author posts as a customer; admins post staff replies (is_staff).';

create index support_ticket_messages_ticket_id_created_at_idx on public.support_ticket_messages (ticket_id, created_at);
create index support_ticket_messages_author_id_idx on public.support_ticket_messages (author_id);

alter table public.support_ticket_messages enable row level security;
revoke all on table public.support_ticket_messages from anon, authenticated;
grant select on table public.support_ticket_messages to authenticated;
grant insert (ticket_id, author_id, is_staff, body) on table public.support_ticket_messages to authenticated;
grant select, insert, update, delete on table public.support_ticket_messages to service_role;

create policy "Users can read messages on their own tickets"
  on public.support_ticket_messages for select to authenticated
  using (
    exists (
      select 1 from public.support_tickets t
      where t.id = support_ticket_messages.ticket_id and t.user_id = (select auth.uid())
    )
  );

create policy "Admins can read messages on every ticket"
  on public.support_ticket_messages for select to authenticated
  using ((select private.is_admin()));

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

create policy "Admins can reply on every ticket"
  on public.support_ticket_messages for insert to authenticated
  with check (author_id = (select auth.uid()) and (select private.is_admin()));

-- Keeps the ticket's activity time current for both queues.
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
revoke execute on function private.touch_support_ticket() from public, anon, authenticated;

create trigger support_ticket_messages_touch_ticket
  after insert on public.support_ticket_messages
  for each row execute function private.touch_support_ticket();

-- ---------------------------------------------------------------------------------------------
-- faq_items
-- ---------------------------------------------------------------------------------------------
create table public.faq_items (
  id uuid primary key default gen_random_uuid(),
  question text not null check (char_length(question) between 1 and 300),
  answer text not null,
  category text not null default 'general',
  position integer not null default 0,
  published boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.faq_items is 'Frequently asked questions. Public once published; written by the service role.';

create index faq_items_category_position_idx on public.faq_items (category, position) where published;

create trigger faq_items_set_updated_at
  before update on public.faq_items
  for each row execute function private.set_updated_at();

alter table public.faq_items enable row level security;
revoke all on table public.faq_items from anon, authenticated;
grant select on table public.faq_items to anon, authenticated;
grant select, insert, update, delete on table public.faq_items to service_role;

create policy "Anyone can read published FAQ items"
  on public.faq_items for select to anon, authenticated
  using (published);

-- ---------------------------------------------------------------------------------------------
-- blog_posts
-- ---------------------------------------------------------------------------------------------
create table public.blog_posts (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  title text not null check (char_length(title) between 1 and 200),
  excerpt text not null default '',
  body text not null,
  author_name text not null,
  cover_image_url text,
  tags text[] not null default '{}',
  -- Null = draft; a future date schedules the post.
  published_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.blog_posts is 'Blog posts (markdown body). Public once published_at has passed; written by the service role.';

create index blog_posts_published_at_idx on public.blog_posts (published_at desc) where published_at is not null;

create trigger blog_posts_set_updated_at
  before update on public.blog_posts
  for each row execute function private.set_updated_at();

alter table public.blog_posts enable row level security;
revoke all on table public.blog_posts from anon, authenticated;
grant select on table public.blog_posts to anon, authenticated;
grant select, insert, update, delete on table public.blog_posts to service_role;

create policy "Anyone can read published blog posts"
  on public.blog_posts for select to anon, authenticated
  using (published_at is not null and published_at <= now());

-- ---------------------------------------------------------------------------------------------
-- contact_submissions
-- ---------------------------------------------------------------------------------------------
create table public.contact_submissions (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(name) between 1 and 120),
  email text not null check (char_length(email) between 3 and 320 and email ~ '^[^@\s]+@[^@\s]+$'),
  company text check (char_length(company) <= 200),
  topic text not null default 'general' check (topic in ('general', 'sales', 'support', 'partnership', 'press')),
  message text not null check (char_length(message) between 1 and 5000),
  handled_at timestamptz,
  created_at timestamptz not null default now()
);
comment on table public.contact_submissions is
  'Contact form submissions. Insert-only for anon and authenticated (they cannot read them back); admins read.';

create index contact_submissions_created_at_idx on public.contact_submissions (created_at desc);

alter table public.contact_submissions enable row level security;
revoke all on table public.contact_submissions from anon, authenticated;
grant insert (name, email, company, topic, message) on table public.contact_submissions to anon, authenticated;
grant select on table public.contact_submissions to authenticated;
grant select, insert, update, delete on table public.contact_submissions to service_role;

create policy "Anyone can send the contact form"
  on public.contact_submissions for insert to anon, authenticated
  with check (handled_at is null);

create policy "Admins can read contact submissions"
  on public.contact_submissions for select to authenticated
  using ((select private.is_admin()));
