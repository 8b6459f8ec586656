/**
 * What an answer would hold (POST /api/agents/estimate), computed as executeAgent reserves it:
 * the pinned version's prompt and model, the session's history within the context budget, the
 * message, and the answer length asked for, priced by billing.price_call (the one pricing
 * formula). Attachments are not read here; their text adds to the real hold.
 *
 * Service connection: the version's prompt is never readable by users (its length is all that
 * leaves, inside the figure), and billing.price_call is the service role's.
 */
import type pg from 'pg';
import {
  defaultMaxOutputTokens,
  maxOutputTokensByPlan,
  type AgentEstimate,
  type AgentEstimateRequest,
} from '../../../src/shared/llm-contract';
import { asPlan, reserveTokensFor } from '../llm/pricing';
import { buildContext } from './build-context';
import { assertSessionFor, loadHistory } from './chat-session';
import { loadHire } from './load-hire';

export async function estimateAnswer(
  db: pg.Pool,
  userId: string,
  input: AgentEstimateRequest,
): Promise<AgentEstimate> {
  const hire = await loadHire(db, userId, input.employee_id);
  if (input.session_id) await assertSessionFor(db, userId, input.session_id, hire.employeeId);
  const history = input.session_id ? await loadHistory(db, input.session_id) : [];
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
    plan_max_tokens: maxOutputTokensByPlan[asPlan(row?.plan)],
  };
}
