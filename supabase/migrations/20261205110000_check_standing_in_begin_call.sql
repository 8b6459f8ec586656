-- The caller's standing joins the call's first statement (issue 20, ADR 0073): a model call made
-- two statements before the provider was called — the auth stage's standing check (suspension and
-- live session, netlify/lib/auth/caller-standing.ts) and billing.begin_call (rate limit and hold).
-- Under 32 concurrent callers each statement is mostly a wait for a pooled connection, so the
-- check moves into begin_call: one statement, one connection, before the provider.
--
-- The order of the refusals is the pipeline's: a suspended account (403) or an ended session
-- (401) is refused first and not counted against the rate limit; then the limit (429); then the
-- hold (402 / unpriced model). A token without a session id (minted with the project's secret by
-- a service; GoTrue always sets one) passes the session check, as in the auth stage. The old
-- signature is dropped: the gateway is its only caller.

drop function billing.begin_call(text, jsonb, integer, uuid, text, text, text, text, bigint, bigint, uuid, uuid);

create function billing.begin_call(
  p_rate_key text,
  p_limits_by_plan jsonb,
  p_window_seconds integer,
  p_user_id uuid,
  p_auth_session_id uuid,
  p_request_id text,
  p_provider text,
  p_model text,
  p_feature text,
  p_input_tokens bigint,
  p_output_tokens bigint,
  p_session_id uuid,
  p_message_id uuid
)
returns table (
  allowed boolean,
  remaining integer,
  reset_at timestamptz,
  retry_after_seconds integer,
  request_limit integer,
  plan text,
  outcome text,
  available bigint,
  required bigint
)
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_plan text;
  v_suspended boolean;
  v_live boolean;
  v_limit integer;
  v_hit record;
  v_detail text;
begin
  -- The standing, as the auth stage reads it: one primary-key row and one primary-key probe.
  select p.plan, p.suspended_at is not null,
         p_auth_session_id is null or exists (
           select 1 from auth.sessions s
            where s.id = p_auth_session_id and s.user_id = p.id
              and (s.not_after is null or s.not_after > now())
         )
    into v_plan, v_suspended, v_live
    from public.profiles p where p.id = p_user_id;
  plan := v_plan;
  if v_suspended then
    outcome := 'suspended';
    return next;
    return;
  end if;
  if v_live is false then
    outcome := 'session_ended';
    return next;
    return;
  end if;
  v_limit := coalesce((p_limits_by_plan ->> v_plan)::integer, (p_limits_by_plan ->> 'free')::integer);
  select * into v_hit from ratelimit.hit(p_rate_key, v_limit, p_window_seconds);
  allowed := v_hit.allowed;
  remaining := v_hit.remaining;
  reset_at := v_hit.reset_at;
  retry_after_seconds := v_hit.retry_after_seconds;
  request_limit := v_limit;
  if not v_hit.allowed then
    outcome := 'rate_limited';
    return next;
    return;
  end if;
  begin
    perform billing.reserve_call(p_user_id, p_request_id, p_provider, p_model, p_feature,
                                 p_input_tokens, p_output_tokens, p_session_id, p_message_id);
    outcome := 'reserved';
  exception
    when sqlstate 'PT402' then
      get stacked diagnostics v_detail = pg_exception_detail;
      outcome := 'insufficient';
      available := (v_detail::jsonb ->> 'available')::bigint;
      required := (v_detail::jsonb ->> 'required')::bigint;
    when sqlstate 'PT404' then
      outcome := 'not_priced';
  end;
  return next;
end;
$$;
comment on function billing.begin_call(text, jsonb, integer, uuid, uuid, text, text, text, text, bigint, bigint, uuid, uuid) is
  'Before a provider call, in one statement: the caller''s standing (suspended account, ended session — p_auth_session_id is the access token''s session_id, null when it has none), then the request counted against the plan''s limit (ratelimit.hit) and, if allowed, the call reserved (billing.reserve_call). Answers the rate-limit state (null when refused for standing), the plan and the outcome: suspended, session_ended, rate_limited, insufficient (with available / required), not_priced or reserved.';

revoke execute on function billing.begin_call(text, jsonb, integer, uuid, uuid, text, text, text, text, bigint, bigint, uuid, uuid)
from public, anon, authenticated;
grant execute on function billing.begin_call(text, jsonb, integer, uuid, uuid, text, text, text, text, bigint, bigint, uuid, uuid)
to service_role;
