import type { Config } from '@netlify/functions';
import { exportAccount } from '../lib/account/export-account';
import { defineHandler } from '../lib/http/define-handler';

export default defineHandler(
  { method: 'GET', auth: 'user', rateLimit: 'account_export' },
  ({ db, user, ip, req, requestId, log }) =>
    exportAccount(db, { user, ip, userAgent: req.headers.get('user-agent'), requestId, log }),
);

export const config: Config = { path: '/api/account/export' };
