-- Rollback: stripe_customers is private again (RLS on, no policy, service role only).
drop policy "Suspended accounts cannot read rows here" on public.stripe_customers;
drop policy "Users can read their own Stripe customer" on public.stripe_customers;
revoke select on table public.stripe_customers from authenticated;
comment on table public.stripe_customers is
  'Stripe customer per user, created once. Private: RLS on and no policy, only the service role reads or writes it.';
