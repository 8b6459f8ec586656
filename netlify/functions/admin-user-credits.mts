import type { Config } from '@netlify/functions';
import { z } from 'zod';
import { adjustCredits } from '../lib/admin/users/adjust-credits';
import { defineHandler } from '../lib/http/define-handler';
import { CreditAdjustmentBody } from '../../src/shared/admin-users';

export default defineHandler(
  { method: 'POST', auth: 'admin', params: z.object({ id: z.uuid() }), body: CreditAdjustmentBody },
  ({ db, user, params, body, requestId }) => adjustCredits(db, user.id, params.id, body, requestId),
);

export const config: Config = { path: '/api/admin/users/:id/credits' };
