-- Per-plan rate limits in one round trip: `ratelimit.hit_for_user` reads the caller's plan and
-- counts the request in one statement. Before it the pipeline looked the plan up first and then
-- called `ratelimit.hit`, two round trips on every LLM and agent call (bench/llm-gateway).
--
-- The limits per plan stay in the application (netlify/lib/rate-limit/policies.ts) and are passed
-- in as a JSON object, so there is one source for them. A user without a profile, or with a plan
-- the object does not name, gets the 'free' limit; an object without 'free' makes ratelimit.hit
-- raise (a null limit), so a mistake here refuses requests rather than lifting the limit.

create function ratelimit.hit_for_user(
  p_key text,
  p_user_id uuid,
  p_limits_by_plan jsonb,
  p_window_seconds integer
)
returns table (
  allowed boolean,
  remaining integer,
  reset_at timestamptz,
  retry_after_seconds integer,
  request_limit integer
)
language sql
security definer
set search_path = ''
as $$
  with rule as (
    select coalesce(
      (p_limits_by_plan ->> (select p.plan from public.profiles p where p.id = p_user_id))::integer,
      (p_limits_by_plan ->> 'free')::integer
    ) as request_limit
  )
  select h.allowed, h.remaining, h.reset_at, h.retry_after_seconds, rule.request_limit
  from rule
  cross join lateral ratelimit.hit(p_key, rule.request_limit, p_window_seconds) as h;
$$;

comment on function ratelimit.hit_for_user(text, uuid, jsonb, integer) is
  'Counts one request for p_key against the limit of p_user_id''s plan (p_limits_by_plan, e.g. '
  '{"free":10,"pro":60,"max":120}; unknown plans get "free") per p_window_seconds. Returns what '
  'ratelimit.hit returns plus the limit applied.';

revoke all on function ratelimit.hit_for_user(text, uuid, jsonb, integer) from public, anon, authenticated;
grant execute on function ratelimit.hit_for_user(text, uuid, jsonb, integer) to service_role;
