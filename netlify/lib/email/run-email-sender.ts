/** The scheduled email sender (netlify/functions/email-sender.mts): one pass over the outbox. */
import { getDb } from '../db';
import { emailEnv, serverEnv, type EmailEnv } from '../env';
import { createLogger } from '../observability/logger';
import { sendDueEmails } from './send-outbox';
import { localOutboxTransport } from './transports/local-outbox';
import { resendTransport } from './transports/resend';
import type { EmailTransport } from './transports/transport';

export function transportFor(env: EmailEnv): EmailTransport {
  return env.transport === 'resend' ? resendTransport(env.apiKey) : localOutboxTransport(env.dir);
}

export async function runEmailSender(): Promise<Response> {
  const log = createLogger({ job: 'email-sender' });
  try {
    const env = serverEnv();
    const email = emailEnv();
    const report = await sendDueEmails(getDb(env.DATABASE_URL), transportFor(email), {
      appUrl: env.APP_URL,
      serviceRoleKey: env.SUPABASE_SERVICE_ROLE_KEY,
      from: email.from,
      log,
    });
    if (report.sent + report.retrying + report.dead > 0) log.info('email sender pass', { ...report });
    return new Response(null, { status: 204 });
  } catch (error) {
    log.error('email sender failed', { error });
    return new Response(null, { status: 500 });
  }
}
