/**
 * One hired employee answers in a chat session (POST /api/agents/execute): the pinned version's
 * prompt and model, the session's history within a token budget, the gateway core for metering,
 * and both messages persisted — the answer also when the user stopped it, marked as stopped. A
 * message whose answer failed can be answered again (`answer_again`) without storing it twice.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { AgentExecuteRequest, StoredMessage } from '../../../src/shared/llm-contract';
import { sendableTemperature } from '../../../src/shared/model-capabilities';
import { asUser, type DbCaller } from '../db-as-user';
import { ApiError } from '../http/api-error';
import { completeStream, prepareCall, type GatewayDeps } from '../llm/gateway';
import { releaseCredits } from '../llm/metering';
import {
  messageWithAttachments,
  readAttachments,
  type AttachmentReader,
  type ReadAttachment,
} from './attachments';
import { buildContext } from './build-context';
import {
  assertSessionFor,
  finishExchange,
  isStopRequested,
  loadHistory,
  loadMessageToAnswerAgain,
  markStopped,
  startAnswerAgain,
  startExchange,
  type ExchangeIds,
} from './chat-session';
import { chooseChatModel } from './chat-model';
import { findHire, withVersion } from './load-hire';

export async function executeAgent(
  deps: GatewayDeps & { db: pg.Pool; readAttachment?: AttachmentReader },
  caller: DbCaller,
  input: AgentExecuteRequest,
): Promise<Response> {
  const userId = caller.id;
  const isNewSession = input.session_id === undefined;
  // Everything the answer is built from that is the user's, read as the user in one transaction:
  // RLS decides which hire, session and messages exist for them.
  const { hireRef, storedHistory, storedMessage, chosen } = await asUser(deps.db, caller, async (tx) => {
    const found = await findHire(tx, input.employee_id);
    if (input.session_id) await assertSessionFor(tx, input.session_id, found.employeeId);
    return {
      hireRef: found,
      chosen: await chooseChatModel(tx, input.session_id),
      storedHistory: input.session_id ? await loadHistory(tx, input.session_id) : [],
      storedMessage:
        input.answer_again && input.session_id
          ? await loadMessageToAnswerAgain(tx, input.session_id, input.answer_again)
          : undefined,
    };
  });
  // The pinned version's prompt: service level, prompts never reach users. The model: the
  // session's, else the user's default, else the version's (chat-model.ts).
  const version = await withVersion(deps.db, hireRef);
  const hire = chosen.model ? { ...version, ...chosen.model } : version;
  let history = storedHistory;
  const message = input.message ?? '';
  // Read (as the user) and extracted before anything is reserved or stored.
  const attachments: ReadAttachment[] =
    input.attachments?.length && deps.readAttachment
      ? await readAttachments(deps.readAttachment, userId, input.attachments)
      : [];
  if (input.attachments?.length && !deps.readAttachment) {
    throw new ApiError('VALIDATION_FAILED', 'Attachments are not accepted here.');
  }
  let modelMessage = messageWithAttachments(message, attachments);
  if (storedMessage !== undefined) {
    modelMessage = storedMessage;
    // The history ends with that message (nothing but failed answers follow it).
    history = history.slice(0, -1);
  }

  const ids: ExchangeIds = {
    sessionId: input.session_id ?? randomUUID(),
    userMessageId: input.answer_again ?? randomUUID(),
    assistantMessageId: randomUUID(),
  };
  // The user's setting, left out for a model that takes only its default (ADR 0087).
  const temperature = sendableTemperature(hire.provider, hire.model, chosen.temperature);
  // Reserve before writing anything: a 402 leaves no half-started exchange behind.
  const call = await prepareCall(deps, {
    userId,
    provider: hire.provider,
    request: {
      model: hire.model,
      system: hire.systemPrompt,
      messages: buildContext(history, modelMessage),
      ...(temperature === undefined ? {} : { temperature }),
      // The answer-length choice; the gateway checks it against the plan's output cap.
      ...(input.max_tokens ? { max_tokens: input.max_tokens } : {}),
    },
    feature: 'chat',
    sessionId: ids.sessionId,
    messageId: ids.assistantMessageId,
  });
  try {
    if (input.answer_again) await startAnswerAgain(deps.db, hire, ids);
    else await startExchange(deps.db, caller, hire, ids, message, isNewSession, attachments);
  } catch (error) {
    await releaseCredits(deps.db, call.callId);
    throw error;
  }

  const stored: StoredMessage = { session_id: ids.sessionId, user_message_id: ids.userMessageId };
  try {
    return await completeStream(deps, call, {
      prelude: (writer) =>
        writer.send('session', { ...stored, assistant_message_id: ids.assistantMessageId }),
      stopRequested: () => isStopRequested(deps.db, ids.assistantMessageId),
      onClientGone: (delivered) => markStopped(deps.db, ids.assistantMessageId, delivered),
      onFinish: (result) => finishExchange(deps.db, ids.assistantMessageId, result),
    });
  } catch (error) {
    // The provider failed before answering; the message is stored with its failed answer, so the
    // error says where, for answer_again.
    if (!(error instanceof ApiError)) throw error;
    const details = typeof error.details === 'object' && error.details !== null ? error.details : {};
    throw new ApiError(error.code, error.message, {
      details: { ...details, ...stored },
      headers: error.headers,
      cause: error,
    });
  }
}
