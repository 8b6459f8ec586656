import type { Config } from '@netlify/functions';
import { teamRunParamsSchema } from '../../src/shared/runs-contract';
import { defineHandler } from '../lib/http/define-handler';
import { ApiError } from '../lib/http/api-error';
import { cancelRun } from '../lib/runs/store';

/**
 * POST /api/agents/team-run/:id/cancel — ends the run: steps not started are cancelled, calls in
 * flight are stopped by their workers within about a second and settled for what they used, and
 * the hold is released. Cancelling an ended run changes nothing; someone else's run is 404.
 */
export default defineHandler(
  {
    method: 'POST',
    auth: 'user',
    rateLimit: { name: 'team-run-cancel', limit: 60, windowSeconds: 60, by: 'user' },
    params: teamRunParamsSchema,
  },
  async ({ params, user, db }) => {
    const run = await cancelRun(db, params.id, user.id);
    if (!run) throw new ApiError('NOT_FOUND', 'No such team run.');
    return { run };
  },
);

export const config: Config = { path: '/api/agents/team-run/:id/cancel' };
