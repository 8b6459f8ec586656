import type { Config } from '@netlify/functions';
import { z } from 'zod';
import { replayDeadLetter } from '../lib/billing/webhook/replay';
import { defineHandler } from '../lib/http/define-handler';
import { getStripe } from '../lib/stripe';

const Params = z.object({ id: z.union([z.uuid(), z.string().regex(/^evt_[A-Za-z0-9_]+$/)]) });

export default defineHandler(
  { method: 'POST', auth: 'admin', params: Params },
  ({ db, params, log, requestId, ip }) =>
    replayDeadLetter(db, getStripe(), params.id, { log, requestId, ip }),
);

export const config: Config = { path: '/api/admin/webhooks/:id/replay' };
