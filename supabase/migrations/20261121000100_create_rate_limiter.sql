-- Rate limiter backing store: the Postgres limiter used by every Netlify Function (and the
-- fallback when Upstash is configured but unreachable, DESIGN.md §6).
--
-- Algorithm: fixed window anchored at a key's first request. Each key has one row holding the
-- window's start, end and hit count; `ratelimit.hit` counts a request with one
-- `insert ... on conflict do update ... returning`. Concurrent upserts of the same key serialise
-- on its row lock and each sees the committed count of the one before, so N parallel requests
-- against a limit of L let exactly L through. Windows start at the key's first hit (not on clock
-- boundaries), so a burst at a boundary cannot get twice the limit through in a moment.

create schema if not exists ratelimit;
comment on schema ratelimit is
  'Private: the rate limiter''s functions. Not exposed through the Data API; service_role only.';
revoke all on schema ratelimit from public;
grant usage on schema ratelimit to service_role;

-- Unlogged: the counters are short-lived and rebuilt by traffic; after a crash the worst case is
-- that windows restart, and skipping the WAL keeps a write per request cheap.
create unlogged table public.rate_limit_buckets (
  key text primary key check (char_length(key) between 1 and 200),
  window_start timestamptz not null,
  expires_at timestamptz not null,
  hits integer not null check (hits >= 0),
  check (expires_at > window_start)
);

comment on table public.rate_limit_buckets is
  'Rate limiter counters, one row per key (policy + user id or client IP). Private: RLS is on with '
  'no policies and the API roles have no grants, because a user able to read or reset counters '
  'could lift their own limits or learn other users'' activity. Only ratelimit.hit writes here.';
comment on column public.rate_limit_buckets.key is 'Policy name and subject, e.g. billing:user:<uuid> or webhook:ip:<ip>.';
comment on column public.rate_limit_buckets.expires_at is 'End of the current window; the row is stale after it.';
comment on column public.rate_limit_buckets.hits is 'Requests counted in the window, capped at limit + 1 (no overflow under floods).';

alter table public.rate_limit_buckets enable row level security;
revoke all on table public.rate_limit_buckets from public, anon, authenticated;
grant select, insert, update, delete on table public.rate_limit_buckets to service_role;

-- The cleanup deletes by expiry.
create index rate_limit_buckets_expires_at_idx on public.rate_limit_buckets (expires_at);

create function ratelimit.hit(p_key text, p_limit integer, p_window_seconds integer)
returns table (allowed boolean, remaining integer, reset_at timestamptz, retry_after_seconds integer)
language plpgsql
security definer
set search_path = ''
as $$
begin
  if p_limit is null or p_limit < 1 then
    raise exception 'ratelimit.hit: limit must be at least 1, got %', p_limit using errcode = '22023';
  end if;
  if p_window_seconds is null or p_window_seconds < 1 then
    raise exception 'ratelimit.hit: window must be at least 1 second, got %', p_window_seconds using errcode = '22023';
  end if;

  return query
  insert into public.rate_limit_buckets as b (key, window_start, expires_at, hits)
  values (p_key, now(), now() + make_interval(secs => p_window_seconds), 1)
  on conflict (key) do update set
    window_start = case when b.expires_at <= now() then now() else b.window_start end,
    expires_at = case when b.expires_at <= now() then excluded.expires_at else b.expires_at end,
    hits = case when b.expires_at <= now() then 1 else least(b.hits + 1, p_limit + 1) end
  returning
    b.hits <= p_limit,
    greatest(p_limit - b.hits, 0),
    b.expires_at,
    case when b.hits <= p_limit then 0
         else greatest(ceil(extract(epoch from b.expires_at - now())), 1)::integer end;
end;
$$;

comment on function ratelimit.hit(text, integer, integer) is
  'Counts one request for p_key against p_limit per p_window_seconds; returns whether it is allowed, '
  'how many remain, when the window ends and (when refused) how many seconds to wait.';

revoke all on function ratelimit.hit(text, integer, integer) from public, anon, authenticated;
grant execute on function ratelimit.hit(text, integer, integer) to service_role;

-- Stale rows are harmless to correctness (the next hit resets them) but would grow the table with
-- every IP ever seen; a scheduled function calls this.
create function ratelimit.purge_expired_buckets()
returns integer
language sql
security definer
set search_path = ''
as $$
  with purged as (
    delete from public.rate_limit_buckets where expires_at < now() returning 1
  )
  select count(*)::integer from purged;
$$;

comment on function ratelimit.purge_expired_buckets() is
  'Deletes rate limiter buckets whose window has ended; returns how many.';

revoke all on function ratelimit.purge_expired_buckets() from public, anon, authenticated;
grant execute on function ratelimit.purge_expired_buckets() to service_role;
