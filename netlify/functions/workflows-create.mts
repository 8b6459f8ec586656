import type { Config } from '@netlify/functions';
import { saveWorkflowSchema } from '../../src/shared/workflows-contract';
import { defineHandler } from '../lib/http/define-handler';
import { jsonResponse } from '../lib/http/responses';
import { createWorkflow } from '../lib/workflows/save-workflow';

/** POST /api/workflows — a new workflow with its first version (400 with step and field when invalid). */
export default defineHandler(
  {
    method: 'POST',
    auth: 'user',
    rateLimit: { name: 'workflow-save', limit: 60, windowSeconds: 60, by: 'user' },
    body: saveWorkflowSchema,
  },
  async ({ body, user, db }) => jsonResponse(await createWorkflow(db, user, body), { status: 201 }),
);

export const config: Config = { path: '/api/workflows' };
