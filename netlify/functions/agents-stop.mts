import type { Config } from '@netlify/functions';
import { agentStopSchema } from '../../src/shared/llm-contract';
import { requestStop } from '../lib/agents/chat-session';
import { defineHandler } from '../lib/http/define-handler';

/**
 * POST /api/agents/stop — the Stop button. Ends the answer's stream even where the platform does
 * not report the client going away; the partial answer is kept, marked stopped, and metered.
 */
export default defineHandler(
  {
    method: 'POST',
    auth: 'user',
    rateLimit: { name: 'agents-stop', limit: 60, windowSeconds: 60, by: 'user' },
    body: agentStopSchema,
  },
  async ({ body, user, db }) => {
    await requestStop(db, user, body.assistant_message_id);
  },
);

export const config: Config = { path: '/api/agents/stop' };
