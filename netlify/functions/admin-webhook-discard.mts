import type { Config } from '@netlify/functions';
import { discardDeadLetter } from '../lib/admin/webhooks/discard-dead-letter';
import { defineHandler } from '../lib/http/define-handler';
import { DeadLetterParams, DiscardBody } from '../../src/shared/admin-webhooks';

export default defineHandler(
  { method: 'POST', auth: 'admin', params: DeadLetterParams, body: DiscardBody },
  ({ db, user, params, body, requestId, ip }) =>
    discardDeadLetter(db, { id: user.id, requestId, ip }, params.id, body.reason),
);

export const config: Config = { path: '/api/admin/webhooks/:id/discard' };
