import type { Config } from '@netlify/functions';
import { saveWorkflowSchema, workflowParamsSchema } from '../../src/shared/workflows-contract';
import { defineHandler } from '../lib/http/define-handler';
import { saveWorkflow } from '../lib/workflows/save-workflow';

/** PUT /api/workflows/:id — saves an edited workflow as a new immutable version. */
export default defineHandler(
  {
    method: 'PUT',
    auth: 'user',
    rateLimit: { name: 'workflow-save', limit: 60, windowSeconds: 60, by: 'user' },
    params: workflowParamsSchema,
    body: saveWorkflowSchema,
  },
  async ({ params, body, user, db }) => saveWorkflow(db, user, params.id, body),
);

export const config: Config = { path: '/api/workflows/:id' };
