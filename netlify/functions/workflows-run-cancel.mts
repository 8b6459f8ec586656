import type { Config } from '@netlify/functions';
import { workflowParamsSchema } from '../../src/shared/workflows-contract';
import { defineHandler } from '../lib/http/define-handler';
import { cancelWorkflowRun } from '../lib/workflows/user-runs';

/**
 * POST /api/workflows/runs/:id/cancel — ends the run as a team run's Cancel does (calls in flight
 * stopped and settled for what they used, the hold released); an ended run is answered unchanged.
 */
export default defineHandler(
  {
    method: 'POST',
    auth: 'user',
    rateLimit: { name: 'workflow-run-cancel', limit: 60, windowSeconds: 60, by: 'user' },
    params: workflowParamsSchema,
  },
  async ({ params, user, db }) => cancelWorkflowRun(db, user, params.id),
);

export const config: Config = { path: '/api/workflows/runs/:id/cancel' };
