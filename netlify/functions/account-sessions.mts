import type { Config } from '@netlify/functions';
import { accountSessionsRateLimit } from '../lib/account/sessions-rate-limit';
import { listSessions } from '../lib/account/sessions';
import { defineHandler } from '../lib/http/define-handler';

/** GET /api/account/sessions — the caller's signed-in devices (ADR 0071). */
export default defineHandler(
  { method: 'GET', auth: 'user', rateLimit: accountSessionsRateLimit },
  async ({ db, user }) => ({ sessions: await listSessions(db, user) }),
);

export const config: Config = { path: '/api/account/sessions' };
