/**
 * One hired employee answers in a chat session (POST /api/agents/execute): the pinned version's
 * prompt and model, the session's history within a token budget, the gateway core for metering,
 * and both messages persisted — the answer also when the user stopped it, marked as stopped.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { AgentExecuteRequest } from '../../../src/shared/llm-contract';
import { completeStream, prepareCall, type GatewayDeps } from '../llm/gateway';
import { releaseCredits } from '../llm/metering';
import { buildContext } from './build-context';
import {
  assertSessionFor,
  finishExchange,
  isStopRequested,
  loadHistory,
  markStopped,
  startExchange,
  type ExchangeIds,
} from './chat-session';
import { loadHire } from './load-hire';

export async function executeAgent(
  deps: GatewayDeps & { db: pg.Pool },
  userId: string,
  input: AgentExecuteRequest,
): Promise<Response> {
  const hire = await loadHire(deps.db, userId, input.employee_id);
  const isNewSession = input.session_id === undefined;
  if (input.session_id) await assertSessionFor(deps.db, userId, input.session_id, hire.employeeId);
  const history = input.session_id ? await loadHistory(deps.db, input.session_id) : [];

  const ids: ExchangeIds = {
    sessionId: input.session_id ?? randomUUID(),
    userMessageId: randomUUID(),
    assistantMessageId: randomUUID(),
  };
  // Reserve before writing anything: a 402 leaves no half-started exchange behind.
  const call = await prepareCall(deps, {
    userId,
    provider: hire.provider,
    request: { model: hire.model, system: hire.systemPrompt, messages: buildContext(history, input.message) },
    feature: 'chat',
    sessionId: ids.sessionId,
    messageId: ids.assistantMessageId,
  });
  try {
    await startExchange(deps.db, userId, hire, ids, input.message, isNewSession);
  } catch (error) {
    await releaseCredits(deps.db, call.callId);
    throw error;
  }

  return completeStream(deps, call, {
    prelude: (writer) =>
      writer.send('session', {
        session_id: ids.sessionId,
        user_message_id: ids.userMessageId,
        assistant_message_id: ids.assistantMessageId,
      }),
    stopRequested: () => isStopRequested(deps.db, ids.assistantMessageId),
    onClientGone: (delivered) => markStopped(deps.db, ids.assistantMessageId, delivered),
    onFinish: (result) => finishExchange(deps.db, ids.assistantMessageId, result),
  });
}
