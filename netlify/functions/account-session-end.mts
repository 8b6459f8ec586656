import type { Config } from '@netlify/functions';
import { accountSessionParamsSchema } from '../../src/shared/account-contract';
import { accountSessionsRateLimit } from '../lib/account/sessions-rate-limit';
import { endSession } from '../lib/account/sessions';
import { defineHandler } from '../lib/http/define-handler';

/** DELETE /api/account/sessions/:id — signs one of the caller's devices out (ADR 0071). */
export default defineHandler(
  { method: 'DELETE', auth: 'user', rateLimit: accountSessionsRateLimit, params: accountSessionParamsSchema },
  async ({ db, user, params }) => {
    await endSession(db, user, params.id);
    return undefined;
  },
);

export const config: Config = { path: '/api/account/sessions/:id' };
