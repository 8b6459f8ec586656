/**
 * What an answer would hold (POST /api/agents/estimate), computed as executeAgent reserves it:
 * the pinned version's prompt, the model of chat-model.ts, the session's history within the context budget, the
 * message, and the answer length asked for, priced by billing.price_call (the one pricing
 * formula). Attachments are not read here; their text adds to the real hold.
 *
 * The hire, the session and its history are read as the caller under RLS (asUser), as
 * executeAgent reads them; the version's prompt (never readable by users — its length is all that
 * leaves, inside the figure) and billing.price_call are the service level's.
 */
import type pg from 'pg';
import {
  defaultMaxOutputTokens,
  maxOutputTokensByPlan,
  type AgentEstimate,
  type AgentEstimateRequest,
} from '../../../src/shared/llm-contract';
import { asPlanId } from '../../../src/shared/plans';
import { reserveTokensFor } from '../llm/pricing';
import { buildContext } from './build-context';
import { asUser, type DbCaller } from '../db-as-user';
import { chooseChatModel } from './chat-model';
import { assertSessionFor, loadHistory } from './chat-session';
import { loadHire } from './load-hire';

export async function estimateAnswer(
  db: pg.Pool,
  caller: DbCaller,
  input: AgentEstimateRequest,
): Promise<AgentEstimate> {
  const userId = caller.id;
  const pinned = await loadHire(db, caller, input.employee_id);
  const sessionId = input.session_id;
  // The model the answer would use (chat-model.ts), read with the history as the caller.
  const { history, chosen } = await asUser(db, caller, async (tx) => {
    if (sessionId) await assertSessionFor(tx, sessionId, pinned.employeeId);
    return {
      history: sessionId ? await loadHistory(tx, sessionId) : [],
      chosen: await chooseChatModel(tx, sessionId),
    };
  });
  const hire = chosen.model ? { ...pinned, ...chosen.model } : pinned;
  const messages = buildContext(history, input.message);
  const chars = messages.reduce((sum, m) => sum + m.content.length, hire.systemPrompt.length);
  const maxTokens = input.max_tokens ?? defaultMaxOutputTokens;
  const { rows } = await db.query<{ hold: string; plan: string | null }>(
    `select greatest(1, billing.price_call($1::text, $2::text, $3::bigint, $4::bigint, 0)) as hold,
            (select p.plan from public.profiles p where p.id = $5::uuid) as plan`,
    [hire.provider, hire.model, reserveTokensFor(chars, messages.length), maxTokens, userId],
  );
  const row = rows[0];
  return {
    hold_credits: Number(row?.hold ?? 0),
    max_tokens: maxTokens,
    plan_max_tokens: maxOutputTokensByPlan[asPlanId(row?.plan)],
  };
}
