-- Rollback: price_call as before, with no retired-model error.
create or replace function billing.price_call(
  p_provider text,
  p_model text,
  p_input bigint,
  p_output bigint,
  p_cached bigint,
  p_at timestamptz default now()
)
returns bigint
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_price public.model_pricing;
begin
  if coalesce(p_input, -1) < 0 or coalesce(p_output, -1) < 0 or coalesce(p_cached, -1) < 0 then
    raise exception 'token counts must be non-negative' using errcode = '22023';
  end if;
  select * into v_price
  from public.model_pricing m
  where m.provider = p_provider
    and m.model = p_model
    and m.effective_from <= p_at
    and (m.effective_to is null or m.effective_to > p_at)
  order by m.effective_from desc
  limit 1;
  if not found then
    raise exception 'MODEL_NOT_PRICED' using errcode = 'PT404',
      detail = format('no price for %s/%s effective at %s', p_provider, p_model, p_at);
  end if;
  -- numeric: token counts times rates can exceed what bigint arithmetic should be trusted with.
  return ceil(
    (p_input::numeric * v_price.input_rate
      + p_output::numeric * v_price.output_rate
      + p_cached::numeric * v_price.cached_input_rate) / 1000000
  )::bigint;
end;
$$;
comment on function billing.price_call(text, text, bigint, bigint, bigint, timestamptz) is
  'Credits for a call: ceil((input*input_rate + output*output_rate + cached*cached_input_rate) / 1e6) at the price effective at p_at. p_input excludes cached tokens.';
