import type { Config } from '@netlify/functions';
import { agentEstimateSchema } from '../../src/shared/llm-contract';
import { estimateAnswer } from '../lib/agents/estimate';
import { defineHandler } from '../lib/http/define-handler';

/**
 * POST /api/agents/estimate — the credits an answer would hold, shown before sending. Called as
 * the user types (debounced), so its limit is its own, not the `llm` one that sending counts on.
 */
export default defineHandler(
  {
    method: 'POST',
    auth: 'user',
    rateLimit: { name: 'agents-estimate', limit: 120, windowSeconds: 60, by: 'user' },
    body: agentEstimateSchema,
  },
  ({ body, user, db }) => estimateAnswer(db, user, body),
);

export const config: Config = { path: '/api/agents/estimate' };
