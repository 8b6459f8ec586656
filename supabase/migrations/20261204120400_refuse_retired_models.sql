-- Retiring a model (issue 17): an admin ends a model's last price at its retirement date
-- (model_pricing.effective_to) and from then on calls to it answer a clear "retired" error rather
-- than the generic "not available". The gateway resolves prices only through billing.price_call,
-- so the check lives there: when no price is effective but one has ended, the model was retired.

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
  v_retired_at timestamptz;
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
    -- Only on this (refusing) path: a price that ended and nothing after it is a retirement.
    select max(m.effective_to) into v_retired_at
    from public.model_pricing m
    where m.provider = p_provider and m.model = p_model and m.effective_to <= p_at;
    if v_retired_at is not null then
      raise exception 'MODEL_RETIRED' using errcode = 'PT410',
        detail = format('%s/%s was retired on %s', p_provider, p_model, to_char(v_retired_at at time zone 'utc', 'YYYY-MM-DD')),
        hint = to_char(v_retired_at at time zone 'utc', 'YYYY-MM-DD');
    end if;
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
  'Credits for a call: ceil((input*input_rate + output*output_rate + cached*cached_input_rate) / 1e6) at the price effective at p_at. p_input excludes cached tokens. A model whose last price has ended raises MODEL_RETIRED (PT410, hint = the date); one never priced MODEL_NOT_PRICED (PT404).';
