-- Rollback of 20261121012000_create_support_and_content_tables.sql.
drop table if exists public.contact_submissions;
drop table if exists public.blog_posts;
drop table if exists public.faq_items;
drop table if exists public.support_ticket_messages;
drop function if exists private.touch_support_ticket();
drop table if exists public.support_tickets;
