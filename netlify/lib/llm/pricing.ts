/**
 * What a call may cost before it is made: the caller's plan (for the output cap) and the model's
 * price effective now, in one round trip. A model without an effective price is not callable.
 */
import { maxOutputTokensByPlan } from '../../../src/shared/llm-contract';
import type { Queryable } from '../db';
import type { LlmProvider } from './types';

export type Plan = keyof typeof maxOutputTokensByPlan;

export interface ModelRates {
  /** Credits per 1M tokens. */
  inputRate: number;
  outputRate: number;
  cachedInputRate: number;
}

export interface CallPolicy {
  plan: Plan;
  /** Undefined when the model is not in the effective model_pricing. */
  rates: ModelRates | undefined;
}

const isPlan = (plan: unknown): plan is Plan => typeof plan === 'string' && plan in maxOutputTokensByPlan;

export async function loadCallPolicy(db: Queryable, userId: string, provider: LlmProvider, model: string): Promise<CallPolicy> {
  const { rows } = await db.query<{ plan: string | null; input_rate: string | null; output_rate: string | null; cached_input_rate: string | null }>(
    `select p.plan, m.input_rate, m.output_rate, m.cached_input_rate
     from (select $1::uuid as id) caller
     left join public.profiles p on p.id = caller.id
     left join lateral (
       select input_rate, output_rate, cached_input_rate
       from public.model_pricing
       where provider = $2 and model = $3
         and effective_from <= now() and (effective_to is null or effective_to > now())
       order by effective_from desc
       limit 1
     ) m on true`,
    [userId, provider, model],
  );
  const row = rows[0];
  const plan = isPlan(row?.plan) ? row.plan : 'free';
  if (!row || row.input_rate === null || row.output_rate === null || row.cached_input_rate === null) {
    return { plan, rates: undefined };
  }
  return {
    plan,
    rates: { inputRate: Number(row.input_rate), outputRate: Number(row.output_rate), cachedInputRate: Number(row.cached_input_rate) },
  };
}

/** DESIGN.md §5's formula (billing.price_call is the authority when settling). */
export function creditsFor(rates: ModelRates, input: number, output: number, cached = 0): number {
  return Math.ceil((input * rates.inputRate + output * rates.outputRate + cached * rates.cachedInputRate) / 1_000_000);
}

/**
 * Tokens in `text` for a reservation: one per two characters, about twice the usual English
 * ratio, so the hold covers dense scripts and code rather than under-reserving.
 */
export const reserveTokensFor = (chars: number) => Math.ceil(chars / 2);

/** Tokens in `text` for an estimated charge when the provider never reported usage. */
export const estimateTokensFor = (chars: number) => Math.ceil(chars / 4);
