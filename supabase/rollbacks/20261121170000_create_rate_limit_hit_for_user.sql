-- Rollback of 20261121170000_create_rate_limit_hit_for_user.sql. The application must be back on
-- the two-step path (plan lookup, then ratelimit.hit) before this runs.

drop function ratelimit.hit_for_user(text, uuid, jsonb, integer);
