import type { Config } from '@netlify/functions';
import { contactSubmissionSchema } from '../../src/shared/contact';
import { submitContact } from '../lib/contact/submit-contact';
import { defineHandler } from '../lib/http/define-handler';

// Public: 5 messages per hour per IP, counted before anything is parsed.
export default defineHandler(
  {
    method: 'POST',
    auth: 'none',
    rateLimit: { name: 'contact', limit: 5, windowSeconds: 3600, by: 'ip' },
    body: contactSubmissionSchema,
    maxBodyBytes: 32 * 1024,
  },
  ({ db, body, env, log, ip }) =>
    submitContact(db, body, { serviceRoleKey: env.SUPABASE_SERVICE_ROLE_KEY, log, ip }),
);

export const config: Config = { path: '/api/contact' };
