import type { Config } from '@netlify/functions';
import { teamRunSchema } from '../../src/shared/runs-contract';
import { defineHandler } from '../lib/http/define-handler';
import { jsonResponse } from '../lib/http/responses';
import { dispatchWorker } from '../lib/runs/dispatch';
import { startTeamRun } from '../lib/team-runs/start-team-run';

/**
 * POST /api/agents/team-run — creates the run (budget hold, plan step) and answers 202 at once;
 * a background worker plans, delegates and synthesises (netlify/lib/runs).
 */
export default defineHandler(
  { method: 'POST', auth: 'user', spendsCredits: true, rateLimit: 'llm', body: teamRunSchema },
  async ({ body, user, db, env, log, context }) => {
    const created = await startTeamRun(db, user, body);
    const dispatching = dispatchWorker(env, log, { runId: created.run.id, reason: 'team run started' });
    if (context?.waitUntil) context.waitUntil(dispatching);
    else await dispatching;
    return jsonResponse(created, { status: 202 });
  },
);

export const config: Config = { path: '/api/agents/team-run' };
