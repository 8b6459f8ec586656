import type { Config } from '@netlify/functions';
import { z } from 'zod';
import { unsubscribe } from '../lib/email/unsubscribe';
import { defineHandler } from '../lib/http/define-handler';

const Query = z.object({ token: z.string().min(1).max(200) });

// No sign-in: the signed token names the user (links in email must work in any browser).
export default defineHandler(
  {
    method: ['GET', 'POST'],
    auth: 'none',
    query: Query,
    rateLimit: { name: 'email-unsubscribe', limit: 30, windowSeconds: 60, by: 'ip' },
  },
  ({ req, db, env, query }) =>
    unsubscribe(db, {
      method: req.method,
      token: query.token,
      serviceRoleKey: env.SUPABASE_SERVICE_ROLE_KEY,
      appUrl: env.APP_URL,
    }),
);

export const config: Config = { path: '/api/email/unsubscribe' };
