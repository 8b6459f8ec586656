-- The billing functions look up the caller's own Stripe customer as the caller (issue 19, ADR 0081).
--
-- Until now stripe_customers had no policy at all, so the checkout and portal functions read it at
-- the service level and chose the row with `where user_id = $1` in TypeScript. Now they read it
-- under RLS, as the user: the policy below decides which row is theirs. Reading is all users get —
-- the id is already theirs to see (subscriptions.stripe_customer_id), and a customer id grants
-- nothing without our Stripe secret key. Writing stays the service's: the id comes from Stripe's
-- answer, and a user who could set it could point their account, and so their Billing Portal, at
-- someone else's Stripe customer.

grant select on table public.stripe_customers to authenticated;

create policy "Users can read their own Stripe customer"
  on public.stripe_customers for select to authenticated
  using (user_id = (select auth.uid()));

-- Closed to a suspended account's unexpired tokens like every user policy (ADR 0080).
create policy "Suspended accounts cannot read rows here"
  on public.stripe_customers as restrictive for select to authenticated
  using ((select private.caller_in_good_standing()));

comment on table public.stripe_customers is
  'Stripe customer per user, created once by the service role from Stripe''s answer. Users read their own row (the billing functions look it up as the user); only the service role writes.';
