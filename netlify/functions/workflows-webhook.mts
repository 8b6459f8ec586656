import type { Config } from '@netlify/functions';
import { z } from 'zod';
import { workflowParamsSchema } from '../../src/shared/workflows-contract';
import { defineHandler } from '../lib/http/define-handler';
import { jsonResponse } from '../lib/http/responses';
import { makeWebhook } from '../lib/workflows/webhooks';

/**
 * POST /api/workflows/:id/webhook — makes the workflow's webhook URL, or rotates it (the old one
 * stops working). The token (and the signing secret when `signed`) is in this answer only.
 */
export default defineHandler(
  {
    method: 'POST',
    auth: 'user',
    rateLimit: { name: 'workflow-webhook', limit: 10, windowSeconds: 60, by: 'user' },
    params: workflowParamsSchema,
    body: z.strictObject({ signed: z.boolean().default(false) }),
  },
  async ({ params, body, user, db }) =>
    jsonResponse(await makeWebhook(db, user, params.id, body.signed), { status: 201 }),
);

export const config: Config = { path: '/api/workflows/:id/webhook' };
