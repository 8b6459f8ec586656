import type { Config } from '@netlify/functions';
import { z } from 'zod';
import { defineHandler } from '../lib/http/define-handler';
import { ApiError } from '../lib/http/api-error';
import { jsonResponse } from '../lib/http/responses';
import { dispatchWorker } from '../lib/runs/dispatch';
import { deliverWebhook, signatureHeader } from '../lib/workflows/webhooks';

/**
 * POST /api/hooks/workflows/:token — a workflow's webhook trigger (no user token: the URL's token
 * is the credential). The JSON body's fields are the run's inputs; 202 with the run id. The same
 * `Idempotency-Key` within 24 h answers the same run.
 */
export default defineHandler(
  {
    method: 'POST',
    auth: 'none',
    rateLimit: 'webhook',
    // Any token: one that is not ours is a 404 (never a hint about the format).
    params: z.object({ token: z.string().max(200) }),
    rawBody: true,
    maxBodyBytes: 256 * 1024,
  },
  async ({ params, rawBody, req, db, env, log, context }) => {
    const idempotencyKey = req.headers.get('idempotency-key');
    if (idempotencyKey !== null && (idempotencyKey.length === 0 || idempotencyKey.length > 200))
      throw new ApiError('VALIDATION_FAILED', 'Idempotency-Key must be 1–200 characters.');
    const run = await deliverWebhook(db, log, {
      token: params.token,
      body: rawBody,
      signature: req.headers.get(signatureHeader),
      idempotencyKey,
    });
    if (!('replayed' in run)) {
      const dispatching = dispatchWorker(env, log, { runId: run.id, reason: 'workflow webhook' });
      if (context?.waitUntil) context.waitUntil(dispatching);
      else await dispatching;
    }
    return jsonResponse({ run: { id: run.id } }, { status: 202 });
  },
);

export const config: Config = { path: '/api/hooks/workflows/:token' };
