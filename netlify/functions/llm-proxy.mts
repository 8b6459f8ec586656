import type { Config } from '@netlify/functions';
import { z } from 'zod';
import { llmProviderNames, llmRequestSchema } from '../../src/shared/llm-contract';
import { defineHandler } from '../lib/http/define-handler';
import { completeJson, completeStream, prepareCall, toJsonResponse } from '../lib/llm/gateway';

/** POST /api/llm/:provider — the metered proxy: JSON or SSE, one contract for every provider. */
export default defineHandler(
  {
    method: 'POST',
    auth: 'user',
    spendsCredits: true,
    rateLimit: 'llm',
    deferRateLimit: true,
    body: llmRequestSchema,
    params: z.object({ provider: z.enum(llmProviderNames) }),
  },
  async ({ req, body, params, user, db, log, requestId, context, deadline, deferredRateLimit }) => {
    const { stream, ...request } = body;
    const deps = {
      db,
      log,
      requestId,
      clientSignal: req.signal,
      waitUntil: context?.waitUntil?.bind(context),
      deadline,
      deferredRateLimit,
    };
    const call = await prepareCall(deps, {
      userId: user.id,
      provider: params.provider,
      request,
      feature: 'proxy',
    });
    if (stream) return completeStream(deps, call);
    return toJsonResponse(call, await completeJson(deps, call));
  },
);

export const config: Config = { path: '/api/llm/:provider' };
