import type { Config } from '@netlify/functions';
import { deleteAccount } from '../lib/account/delete-account';
import { defineHandler } from '../lib/http/define-handler';
import { getStripe } from '../lib/stripe';
import { deleteAccountBodySchema } from '../../src/shared/account-contract';

export default defineHandler(
  { method: 'DELETE', auth: 'user', rateLimit: 'account', body: deleteAccountBodySchema },
  async ({ db, user, body, ip, req, requestId }) => {
    await deleteAccount(db, () => getStripe(), {
      user,
      password: body.password,
      ip,
      userAgent: req.headers.get('user-agent'),
      requestId,
    });
    return undefined;
  },
);

export const config: Config = { path: '/api/account' };
