import type { Config } from '@netlify/functions';
import { agentExecuteSchema } from '../../src/shared/llm-contract';
import { executeAgent } from '../lib/agents/execute';
import { defineHandler } from '../lib/http/define-handler';

/** POST /api/agents/execute — a hired employee answers in a chat session, streamed and metered. */
export default defineHandler(
  { method: 'POST', auth: 'user', rateLimit: 'llm', body: agentExecuteSchema },
  ({ req, body, user, db, log, requestId, context }) =>
    executeAgent(
      { db, log, requestId, clientSignal: req.signal, waitUntil: context?.waitUntil?.bind(context) },
      user.id,
      body,
    ),
);

export const config: Config = { path: '/api/agents/execute' };
