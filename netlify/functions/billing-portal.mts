import type { Config } from '@netlify/functions';
import { createPortalSession } from '../lib/billing/portal';
import { defineHandler } from '../lib/http/define-handler';
import { getStripe } from '../lib/stripe';
import { withStripeFailures } from '../lib/billing/stripe-failure';

export default defineHandler({ method: 'POST', auth: 'user', rateLimit: 'billing' }, ({ db, user, env }) =>
  withStripeFailures(() => createPortalSession(db, getStripe(), user, env.APP_URL)),
);

export const config: Config = { path: '/api/billing/portal' };
