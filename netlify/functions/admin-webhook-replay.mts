import type { Config } from '@netlify/functions';
import { replayDeadLetter } from '../lib/billing/webhook/replay';
import { defineHandler } from '../lib/http/define-handler';
import { getStripe } from '../lib/stripe';
import { DeadLetterParams } from '../../src/shared/admin-webhooks';

export default defineHandler(
  { method: 'POST', auth: 'admin', params: DeadLetterParams },
  ({ db, user, params, log, requestId, ip }) =>
    replayDeadLetter(db, getStripe(), params.id, { log, requestId, ip, adminId: user.id }),
);

export const config: Config = { path: '/api/admin/webhooks/:id/replay' };
