import type { Config } from '@netlify/functions';
import { contactFormToken } from '../lib/contact/form-token';
import { defineHandler } from '../lib/http/define-handler';

// Public: the contact form asks for this when it is shown (the time-to-submit check).
export default defineHandler(
  {
    method: 'GET',
    auth: 'none',
    rateLimit: { name: 'contact-form-token', limit: 60, windowSeconds: 3600, by: 'ip' },
  },
  async ({ env }) => ({ formToken: contactFormToken(env.SUPABASE_SERVICE_ROLE_KEY) }),
);

export const config: Config = { path: '/api/contact/form-token' };
