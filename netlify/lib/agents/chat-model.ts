/**
 * Which model answers in a chat, and at which temperature (ADR 0048, amended by issue 15): the
 * first of these that has a price effective now —
 *
 *   1. in an existing session, the model its latest answer used (a chat keeps its model when the
 *      user's defaults change later);
 *   2. the user's default model from /settings (`user_settings`);
 *   3. the hired employee's pinned version's model (the caller's fallback: `model` is null).
 *
 * The temperature is the user's setting, sent as the model takes it (`sendableTemperature` of
 * src/shared/model-capabilities.ts: none for a model that accepts only its default). No plan restricts models (a price effective now is what
 * "allowed" means, retirement included: ADR 0054); the gateway re-checks the price in its
 * reservation. Read as the caller: their own settings and session rows, under RLS.
 */
import type { Queryable } from '../db';
import type { LlmProvider } from '../llm/types';

export interface ChatModelChoice {
  /** The session's or the user's model; null: the employee's pinned one. */
  model: { provider: LlmProvider; model: string } | null;
  /** The user's temperature setting; undefined: the provider's default. */
  temperature: number | undefined;
}

export async function chooseChatModel(
  asCaller: Queryable,
  sessionId: string | undefined,
): Promise<ChatModelChoice> {
  const { rows } = await asCaller.query<{
    provider: LlmProvider | null;
    model: string | null;
    temperature: number | null;
  }>(
    `with candidates (rank, provider, model) as (
       select 1, m.provider, m.model from (
         select m.provider, m.model from public.chat_messages m
          where m.session_id = $1::uuid and m.role = 'assistant' and m.model is not null
          order by m.created_at desc limit 1
       ) m
       union all
       select 2, s.default_provider, s.default_model from public.user_settings s
     ), chosen as (
       select c.provider, c.model from candidates c
        where exists (
          select 1 from public.model_pricing p
           where p.provider = c.provider and p.model = c.model
             and p.effective_from <= now() and (p.effective_to is null or p.effective_to > now())
        )
        order by c.rank limit 1
     )
     select (select provider from chosen) as provider, (select model from chosen) as model,
            (select s.temperature::float8 from public.user_settings s) as temperature`,
    [sessionId ?? null],
  );
  const row = rows[0];
  return {
    model: row?.provider && row.model ? { provider: row.provider, model: row.model } : null,
    temperature: row?.temperature ?? undefined,
  };
}
