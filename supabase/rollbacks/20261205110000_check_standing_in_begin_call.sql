-- Rollback of 20261205110000_check_standing_in_begin_call.sql: begin_call without the standing
-- check (the auth stage checks it again). The gateway must be back on that version first.
drop function billing.begin_call(text, jsonb, integer, uuid, uuid, text, text, text, text, bigint, bigint, uuid, uuid);

create function billing.begin_call(
  p_rate_key text,
  p_limits_by_plan jsonb,
  p_window_seconds integer,
  p_user_id uuid,
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
  v_limit integer;
  v_hit record;
  v_detail text;
begin
  select p.plan into v_plan from public.profiles p where p.id = p_user_id;
  v_limit := coalesce((p_limits_by_plan ->> v_plan)::integer, (p_limits_by_plan ->> 'free')::integer);
  select * into v_hit from ratelimit.hit(p_rate_key, v_limit, p_window_seconds);
  allowed := v_hit.allowed;
  remaining := v_hit.remaining;
  reset_at := v_hit.reset_at;
  retry_after_seconds := v_hit.retry_after_seconds;
  request_limit := v_limit;
  plan := v_plan;
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
comment on function billing.begin_call(text, jsonb, integer, uuid, text, text, text, text, bigint, bigint, uuid, uuid) is
  'Before a provider call, in one statement: counts the request against the caller''s plan limit (ratelimit.hit) and, if allowed, reserves the call (billing.reserve_call). Answers the rate-limit state, the plan and the outcome: reserved, rate_limited, insufficient (with available / required) or not_priced.';

revoke execute on function billing.begin_call(text, jsonb, integer, uuid, text, text, text, text, bigint, bigint, uuid, uuid)
from public, anon, authenticated;
grant execute on function billing.begin_call(text, jsonb, integer, uuid, text, text, text, text, bigint, bigint, uuid, uuid)
to service_role;
