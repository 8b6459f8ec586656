import type { Config } from '@netlify/functions';
import { replayWorkflowRunSchema, workflowParamsSchema } from '../../src/shared/workflows-contract';
import { defineHandler } from '../lib/http/define-handler';
import { jsonResponse } from '../lib/http/responses';
import { dispatchWorker } from '../lib/runs/dispatch';
import { replayWorkflowRun } from '../lib/workflows/user-runs';

/**
 * POST /api/workflows/runs/:id/replay — a new run of the same version from `from_step`: the steps
 * before it reuse the earlier run's outputs (no call, no charge); it and what follows run again.
 */
export default defineHandler(
  {
    method: 'POST',
    auth: 'user',
    rateLimit: 'llm',
    params: workflowParamsSchema,
    body: replayWorkflowRunSchema,
  },
  async ({ params, body, user, db, env, log, context }) => {
    const created = await replayWorkflowRun(db, user, params.id, body);
    const dispatching = dispatchWorker(env, log, { runId: created.run.id, reason: 'workflow run replayed' });
    if (context?.waitUntil) context.waitUntil(dispatching);
    else await dispatching;
    return jsonResponse(created, { status: 202 });
  },
);

export const config: Config = { path: '/api/workflows/runs/:id/replay' };
