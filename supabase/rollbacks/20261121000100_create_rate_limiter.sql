-- Rollback of 20261121000100_create_rate_limiter: removes the Postgres rate limiter. Functions
-- deployed after it refuse limited requests with 503 until the migration is applied again.
drop function if exists ratelimit.purge_expired_buckets();
drop function if exists ratelimit.hit(text, integer, integer);
drop table if exists public.rate_limit_buckets;
drop schema if exists ratelimit;
