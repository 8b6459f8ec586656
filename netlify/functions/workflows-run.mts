import type { Config } from '@netlify/functions';
import { runWorkflowSchema, workflowParamsSchema } from '../../src/shared/workflows-contract';
import { defineHandler } from '../lib/http/define-handler';
import { jsonResponse } from '../lib/http/responses';
import { dispatchWorker } from '../lib/runs/dispatch';
import { startWorkflowRun } from '../lib/workflows/start-workflow-run';
import { currentVersionFor } from '../lib/workflows/user-runs';

/**
 * POST /api/workflows/:id/run — starts a run of the workflow's current version (budget hold and
 * the whole step graph in one transaction) and answers 202; the background worker runs it.
 */
export default defineHandler(
  { method: 'POST', auth: 'user', rateLimit: 'llm', params: workflowParamsSchema, body: runWorkflowSchema },
  async ({ params, body, user, db, env, log, context }) => {
    const workflow = await currentVersionFor(db, user, params.id);
    const created = await startWorkflowRun(db, workflow, {
      trigger: 'manual',
      inputs: body.inputs,
      budgetCredits: body.budget_credits,
    });
    const dispatching = dispatchWorker(env, log, { runId: created.run.id, reason: 'workflow run started' });
    if (context?.waitUntil) context.waitUntil(dispatching);
    else await dispatching;
    return jsonResponse(created, { status: 202 });
  },
);

export const config: Config = { path: '/api/workflows/:id/run' };
