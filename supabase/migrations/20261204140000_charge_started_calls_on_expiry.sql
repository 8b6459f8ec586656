-- A model call that outlived its function was never charged (issue 19): the function was killed
-- before it settled, and the sweeper then *released* the hold although the provider had done the
-- work. Two changes (ADR 0060):
--
-- billing.reserve_call   the gateway's reservation: the hold (billing.reserve_credits, with its
--                        one lifetime, the default of p_ttl) plus what the call is — provider,
--                        model, feature, the tokens the hold was priced at, its chat message — in
--                        `details.call`, in the same statement, so the sweeper knows a call started.
-- expire_reservations    charges an expired hold of a started call in full (billing.settle_call at
--                        the reserved tokens, its usage row marked `estimated`, status `error`)
--                        instead of releasing it. A chat call is started once its exchange is
--                        stored (the gateway calls the provider right after that commit); a chat
--                        hold without its stored answer is released. Every other hold — a run's
--                        budget, a run step's reservation — is released as before.

create function billing.reserve_call(
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
returns text
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_reservation public.credit_reservations;
begin
  -- Raises PT404 MODEL_NOT_PRICED and PT402 INSUFFICIENT_CREDITS as they say.
  v_reservation := billing.reserve_credits(
    p_user_id,
    greatest(1, billing.price_call(p_provider, p_model, p_input_tokens, p_output_tokens, 0)),
    p_request_id
  );
  -- A replayed reservation keeps the call it was made for.
  if v_reservation.details = '{}'::jsonb then
    update public.credit_reservations
    set details = jsonb_build_object('call', jsonb_build_object(
      'provider', p_provider,
      'model', p_model,
      'feature', p_feature,
      'input_tokens', p_input_tokens,
      'output_tokens', p_output_tokens,
      'session_id', p_session_id,
      'message_id', p_message_id))
    where id = v_reservation.id;
  end if;
  return (select p.plan from public.profiles p where p.id = p_user_id);
end;
$$;
comment on function billing.reserve_call(uuid, text, text, text, text, bigint, bigint, uuid, uuid) is
  'The gateway''s reservation before a provider call: holds the price of the most the call can use (billing.reserve_credits, default lifetime), records the call in details.call so an expired hold is charged rather than released (billing.expire_reservations), and answers the caller''s plan.';

create or replace function billing.expire_reservations()
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_call record;
  v_user_id uuid;
  v_released bigint;
  v_count integer;
  v_total integer := 0;
begin
  -- Started calls: charged in full, one settlement each (its own lock order: account, reservation).
  for v_call in
    select r.request_id, r.user_id, r.created_at, r.details -> 'call' as c
    from public.credit_reservations r
    where r.status = 'active' and r.expires_at <= now() and r.details ? 'call'
      and (r.details #>> '{call,feature}' <> 'chat'
           or exists (select 1 from public.chat_messages m where m.id = (r.details #>> '{call,message_id}')::uuid))
    order by r.expires_at
  loop
    perform billing.settle_call(
      v_call.user_id, v_call.request_id, v_call.c ->> 'provider', v_call.c ->> 'model', v_call.c ->> 'feature',
      (v_call.c ->> 'input_tokens')::bigint, (v_call.c ->> 'output_tokens')::bigint, 0,
      null, 'error', true, (v_call.c ->> 'session_id')::uuid, (v_call.c ->> 'message_id')::uuid,
      v_call.created_at,
      jsonb_build_object('provider', v_call.c ->> 'provider', 'model', v_call.c ->> 'model', 'estimated', true,
                         'status', 'error', 'expired', true));
    -- The chat answer the dead function never finished reads as failed (one the user stopped stays
    -- stopped), with what it cost.
    update public.chat_messages m
    set status = case when m.status = 'streaming' then 'error' else m.status end,
        error = case when m.status = 'streaming' then 'The answer did not finish in time.' else m.error end,
        request_id = v_call.request_id,
        credits_charged = (select u.credits_charged from public.token_usage u where u.request_id = v_call.request_id)
    where m.id = (v_call.c ->> 'message_id')::uuid and m.status in ('streaming', 'stopped') and m.request_id is null;
    v_total := v_total + 1;
  end loop;

  -- Everything else: the hold is freed, nothing charged.
  for v_user_id in
    select distinct r.user_id
    from public.credit_reservations r
    where r.status = 'active' and r.expires_at <= now()
    order by r.user_id
  loop
    -- Same lock order as every other function: account first.
    perform private.lock_credit_account(v_user_id);
    with expired as (
      update public.credit_reservations r
      set status = 'expired', finished_at = now()
      where r.user_id = v_user_id and r.status = 'active' and r.expires_at <= now()
      returning r.amount
    )
    select coalesce(sum(amount), 0), count(*) into v_released, v_count from expired;

    update public.credit_accounts
    set reserved_balance = reserved_balance - v_released
    where user_id = v_user_id;
    v_total := v_total + v_count;
  end loop;
  return v_total;
end;
$$;
comment on function billing.expire_reservations() is
  'The sweeper: charges the expired hold of a started gateway call in full (usage row estimated, status error) and frees every other expired hold. Returns how many reservations it finished.';

revoke execute on function billing.reserve_call(uuid, text, text, text, text, bigint, bigint, uuid, uuid)
from public, anon, authenticated;
grant execute on function billing.reserve_call(uuid, text, text, text, text, bigint, bigint, uuid, uuid)
to service_role;
